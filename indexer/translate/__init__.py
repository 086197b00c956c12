"""Stage 3, translate: every non-English paragraph and title also in English.

``stage`` is the pipeline stage (``work``: what it keeps in flight);
``translators`` reads installed Argos packages with their ``tokenizers``
(SentencePiece or BPE) on the device and threads ``runtime`` chooses
(``models`` installs packages, ``package_index`` fetches them when asked,
through ``downloads``); ``cache`` is the content-addressed translation
cache; ``sentences`` splits text for the model; ``summary`` counts what
happened. With a broker, ``queue_client`` sends cache misses to ``worker``
processes over the Celery/Redis queue configured in ``queue``.
"""
