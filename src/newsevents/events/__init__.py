"""Event coding: the PLOVER/CAMEO ontology, the trigger lexicons and the coder that uses them."""
