"""Learned understanding of a user's message: intent, distress, reflection parts.

A sentence encoder (see ``encoder.py``) turns text into vectors; small softmax heads
trained by ``python -m tools.understanding.train`` and committed as ``.npz`` weights
read them. Exact commands stay rules (``intents.py``); crisis words stay a rule on
top of the learned distress score (``distress.py``).
"""
