"""Quality gates for the book's sources (the chapter linter)."""

from analysis.qa.chapter_lint import Finding, lint_book, lint_chapter

__all__ = ["Finding", "lint_book", "lint_chapter"]
