"""Stage 2, language: tag each paragraph's language (``detect``) and repair
English text glued together by the web page (``deglue``)."""
