"""``python -m analysis.qa``: lint the book's chapters (exit 1 on findings)."""

from analysis.qa.chapter_lint import main

raise SystemExit(main())
