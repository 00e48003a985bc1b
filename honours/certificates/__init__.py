"""荣誉证书: one certificate per honour, printed whole on blank card (完整版) or only its words on
pre-printed inserts (套打).

settings.py declares site.toml's [certificates] table and the texts a campaign or award may give
(checked as they are read); wording.py works out each certificate's words and number; layout.py
places them on the paper in millimetres. The pages themselves are ordinary printable pages
(render/pages.py), made into PDFs like the others.
"""
