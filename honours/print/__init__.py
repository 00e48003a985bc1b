"""Printable pages as PDFs: WeasyPrint renders each from its HTML, cached by content like photos.

The printable pages themselves (光荣榜 on paper, 展板, 彩页, 公文) are ordinary pages of the site,
rendered by render/; this stage only turns them into PDFs (`honours pdf`) and keeps them on a
shelf in the cache, so a build publishes and links the PDF of every printable page whose HTML,
styles, fonts and photos are unchanged since its PDF was made.
"""
