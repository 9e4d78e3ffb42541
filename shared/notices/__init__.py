"""Written decisions (R-NOTICE-1), the building block both services use: the letterhead, the
appeal-rights text (R-APPEAL-1), a template environment over a service's own templates and the
shared layout, and the PDF (WeasyPrint, Debian's Noto CJK fonts) with its SHA-256."""
