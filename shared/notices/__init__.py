"""Written decisions (R-NOTICE-1), the building blocks both services use: the letterhead, the
appeal-rights text (R-APPEAL-1), a template environment over a service's own templates and the
shared layout, and the PDF (WeasyPrint, Debian's Noto CJK fonts) with its SHA-256 (``render``);
the delivery, its appeal deadlines and the read model's base (``delivery``); reading, downloading
and delivering a notice (``service``, over the SQL of ``repository`` by a service's table names)
and the PDF download (``http``)."""
