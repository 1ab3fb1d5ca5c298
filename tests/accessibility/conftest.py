"""The accessibility tier: the built-in engine's book in a browser (axe-core, a 390 px phone)
and its PDF as PDF/UA-1. Quarto's book gets the same browser checks in the parity tier
(tests/parity/test_accessibility_quarto.py)."""
