"""glossary: a Chinese-English glossary and translation memory for the slogans and program
names of Chinese policy documents.

The library does the work; ``glossary.cli`` only parses options, calls one function and renders.
Heavy modules load on first use, so that a lookup stays instant.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
