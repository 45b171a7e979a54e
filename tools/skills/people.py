"""The people a diary sentence may name besides its writer: roles, trades, family and the
people served (one list for whose-deed and whose-feeling rules)."""

PEOPLE = (
    r"(?:manager|boss|colleague|colleagues|co-worker|coworker|supervisor|lead|leader|chef|"
    r"nurse|doctor|dr|vet|driver|drivers|dev|developer|engineer|teacher|coordinator|agency|"
    r"cfo|ceo|director|client|customer|guy|girl|man|woman|lady|mentor|partner|sister|"
    r"brother|mum|mom|dad|friend|student|students|intern|apprentice|contractor|consultant|"
    r"auditor|inspector|daughter|son|wife|husband|porter|carer|receptionist|owner|coach|"
    r"trainer|tutor|mate|pal|buddy|neighbour|neighbor|cousin|uncle|aunt|auntie|nan|gran|"
    r"grandma|grandad|grandpa|flatmate|housemate|pharmacist|labourer|laborer|plasterer|"
    r"electrician|plumber|builder|foreman|technician|surgeon|dentist|gp|midwife|physio|"
    r"therapist|paramedic|mechanic|joiner|carpenter|roofer|scaffolder|decorator|cashier|"
    r"waiter|waitress|bartender|barista|hairdresser|stylist|barber|volunteer|pupil|"
    r"patient|resident|guest|parent|kid|child|baby|toddler|officer|sergeant|sarge|pilot|"
    r"vendor|supplier|courier|deputy|deputy head|headteacher|head teacher|headmaster|"
    r"headmistress|matron|boy|lad|lass|gent|gentleman|bloke|fella|trainee|starter|learner|"
    r"trespasser|intruder|shoplifter|suspect|offender|thief|burglar)")
