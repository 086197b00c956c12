"""Stage 3, translate: every non-English paragraph and title also in English.

``stage`` is the pipeline stage; ``translators`` reads installed Argos
packages (``models`` installs them, ``package_index`` fetches them when
asked); ``cache`` is the content-addressed translation cache; ``sentences``
splits text for the model; ``summary`` counts what happened.
"""
