"""Every query of the app, one module per area; services own the transactions and call these.

``review``      the due cards (next_learning_card, next_review_card, next_new_card), answering,
                undo, bury, suspend
``quiz``        questions in a quiz's scope, what a scope can be, attempts and answers
``progress``    the Progress page's figures
``questions``   the Question bank page: filter, list, edit, suspend, delete
``decks``       decks and their sub-decks
``learners``    learner profiles
``library``     articles and passages
``knowledge``   people, organisations, numbers and events found in articles
``study_sets``  an article's generated questions
``imports``     writing an imported file: its batch, media, questions in chunks, history
``exports``     the questions and media to write out
``bulk``        many rows at once, straight to the driver (imports, benchmark banks)
``common``      running a statement; which questions are visible (not mid-import)

Every function takes an open Session first and returns plain values, named rows or
frozen dataclasses. The statements are SQLAlchemy constructs with no SQLite-only SQL,
so they run unchanged on PostgreSQL.
"""
