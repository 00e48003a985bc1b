"""A campaign year's archive, as the archive room (档案室) keeps it for decades.

    year (the year's site) -> catalogue (归档文件目录) -> sources -> manifest (and 说明.txt) -> zipped
    verify reads an archive back

Its modules import nothing of the build beyond the model and the renderer, so settings (config)
can declare the [archive] table from `settings` without a cycle.
"""
