"""The passport page: a private page per user behind a signed, expiring link, and public
share links for what the user picks (see docs/page.md).

``links.page_link(user_id)`` makes the private link the bots send; ``router.router`` is the
FastAPI router the app includes.
"""
