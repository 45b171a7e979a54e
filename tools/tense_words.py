"""The words the past-tense rewriter (``tools.tense``) reads: subjects, auxiliaries, and the
cues that keep a sentence as it was (plans, what always holds, thoughts of today).
"""

from __future__ import annotations

from tools.verbs import IRREGULAR, IRREGULAR_MORE, past


def words(text: str) -> frozenset[str]:
    """The space-separated words of a text, as a set."""
    return frozenset(text.split())


# A clause about what always holds or holds now keeps its tense ("kids always test you").
HOLDS = words("always usually normally generally typically often sometimes constantly now still "
              "anymore nowadays forever")
# Subject pronouns and the verb agreement they take (first person, plural, third person).
SUBJECTS = {"i": "1", "we": "pl", "they": "pl", "he": "3", "she": "3", "it": "3",
            "nobody": "3", "everyone": "3", "everybody": "3", "someone": "3",
            "somebody": "3", "noone": "3"}
DETS = words("the my our his her their a an this that these those every each no")
ADVERBS = words("just also then really only never finally quickly actually even already first "
                "immediately eventually slowly carefully both all again suddenly nearly almost "
                "totally completely barely hardly mostly myself ourselves straight basically "
                "personally")
CONJ = words("and but so because cos coz when while until till after before then if since "
             "though although why how where whether once")
# After these a new subject may start ("Monday the fridge died", "she says the client ...").
BOUNDARY = CONJ | words("that monday tuesday wednesday thursday friday saturday sunday yesterday "
                        "today tonight morning afternoon evening night week suddenly again also "
                        "says said say tells told think thought know knew realise realised "
                        "realize realized notice noticed see saw find found hear heard")
# After these a noun phrase is most often an object ("found the missing boxes").
WEAK = words("and or says said say tells told think thought know knew realise realised realize "
             "realized notice noticed see saw find found hear heard")
FUNCTION = DETS | CONJ | ADVERBS | words("to of in on at for with from by about into over under "
                                         "is are am was were be been has have had do does did not "
                                         "can could will would should must might may i we you "
                                         "they he she it me us him them there here what who which")
# Auxiliaries and their past; "have" and "do" only after a subject that takes them.
BE = {"am": "was", "is": "was", "are": "were", "isn't": "wasn't", "aren't": "weren't",
      "isnt": "wasnt", "arent": "werent"}
AUX = {**BE, "has": "had", "hasn't": "hadn't", "hasnt": "hadnt", "does": "did",
       "doesn't": "didn't", "doesnt": "didnt", "can't": "couldn't", "cant": "couldnt",
       "cannot": "could not", "can": "could"}
AUX_PLAIN = {"have": "had", "haven't": "hadn't", "havent": "hadnt", "do": "did",
             "don't": "didn't", "dont": "didnt"}
# A modal keeps its clause as it was ("I would", "we should").
MODALS = words("will would could should might may must shall i'd we'd they'd wont won't")
CONTRACTED = {"i'm": ("I", "was"), "im": ("I", "was"), "i've": ("I", "had"),
              "we're": ("we", "were"), "we've": ("we", "had"), "they're": ("they", "were"),
              "they've": ("they", "had"), "he's": ("he", "'s"), "she's": ("she", "'s"),
              "it's": ("it", "'s"), "that's": ("that", "'s"), "there's": ("there", "'s")}
# Thoughts about the story told now ("I think it went well") stay in the present.
COMMENT = words("think guess hope believe reckon suppose wish wonder bet know feel love like hate "
                "mean")
# What may follow a verb told without its subject ("Called the supplier").
OBJECT = DETS - {"no"} | words("it them him her me us everything something all some up out down "
                               "off back over round home two three four five")
# Past forms that go on with "to" as the person's own deed ("Had to redo the rota").
TO_OK = words("had needed tried went managed decided wanted started began got came ran drove "
              "walked rushed offered agreed volunteered forgot remembered failed helped learnt "
              "learned")
# Past forms that are often done to the person ("Called to a leak"): only with an object,
# and those that take two ("Offered a job", "Told off") only with a pronoun ("Told him").
PASSIVE = words("called asked invited left chosen picked moved transferred promoted assigned "
                "booked trained praised thanked put read cut set let hit hurt quit shut")
GIVEN = words("told sent given taken shown paid offered promised awarded granted allowed")
PRONOUNS = words("him her them it everyone everybody")
PARTICLES = words("up out down off back over round home")
# Past forms without an object that tell where the person went ("Went home", "Stayed late").
MOVED = words("went came stayed worked waited talked spoke drove walked ran rushed arrived slept "
              "sat stood paired teamed chatted met dealt liaised volunteered")
# days and stretches of time a past form may take as its object: "Spent tuesday chasing a
# race condition", "Worked saturday", "Spent ages on it"
TIME_OBJECT = words("monday tuesday wednesday thursday friday saturday sunday today yesterday "
                    "ages hours most half weekend morning afternoon evening night")
PREPS = words("with for at in on into through till until from about around across after before "
              "late early home")
# Verbs whose past is the base form ("put", "read", "let"): already told in the past.
SAME = frozenset(v for v in [*IRREGULAR, *IRREGULAR_MORE] if past(v, more=True) == v)
NEXT = OBJECT | PREPS | words("why what how that sorry")
PERIODS = words("day time week morning night shift evening weekend month year")
# Before a subject, these ask a question ("How do I ask for a raise", "Can I get a copy").
ASKING = words("do does did can could should would will shall may might must is are am have has")
# A first word that asks ("How I can become a designer"): the sentence is a question.
WH = words("how what why where which who whose how's what's where's who's")
# Determiners of one thing: the noun after them is never a plural subject ("every merge runs").
ONE = words("a an every each this that")
# "I want to learn the costing": a wish of today, not a deed of the story.
WISHES = words("want wish hope plan")
# Likes and dislikes hold now too ("I love my job" is not "I loved my job").
LIKES = words("love like hate enjoy prefer adore")
# Verbs kept as written: likes, and "lie" (lay in bed, or lied to someone?).
UNSURE = LIKES | {"lie"}
# Prepositions inside a subject ("the boiler in flat 4 is ...").
OF = words("in on at of from near behind for with")
# What may change in a Learning line: a leading "I learn / realise ...".
LEARNT = words("learn realise realize notice understand discover see")
