"""Careers: ESCO occupations that fit the user's evidence, and what to grow to reach one.

``explore.explore_roles(user_id)`` and ``explore.plan_growth(user_id, text)`` are the entry
points; the data is built by ``build_occupations.py`` and checked by ``data.load()``.
"""
