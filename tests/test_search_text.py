"""What search finds on a page is the text a reader sees in its <main>: a line per block, nothing hidden."""
from __future__ import annotations

from honours.search.entries import main_text

PAGE = """<html><head><title>不在正文</title></head><body><nav>首页</nav><main class="page">
<NAV class="breadcrumbs"><ol><li>首页</li><li>人物</li></ol></NAV>戴红<span>（部长）</span>
<h1>戴红</h1><!-- 注释<p>不显示</p> --><script>var x = "<p>脚本</p>";</script>
<p>戴红&#10;负责   策划&amp;组织。<br>第二行</p>
<div class="chart"><svg viewBox="0 0 10 10"><svg><text>图中字</text></svg><title>图题</title></svg>图后</div>
<p class="print-links"><a href="x.pdf">打印</a></p><div hidden><p>隐藏</p></div>
<span aria-hidden="true">★</span><img hidden alt="照片"><button type="button">展开</button>
<p>hidden 与 print-links 两个词</p><template><p>模板</p></template>
</main><footer>页脚</footer></body></html>"""


def test_search_reads_what_a_reader_sees_in_main_a_line_a_block() -> None:
    assert main_text(PAGE).split("\n") == [
        "戴红（部长）",  # the navigation inside <main> gone, and the line ended where it was
        "戴红",
        "戴红 负责 策划&组织。",  # entities decoded, spaces (a newline among them) collapsed
        "第二行",
        "图后",  # a chart's words are not the page's
        "★",  # aria-hidden hides nothing from a reader's eyes
        "hidden 与 print-links 两个词",
    ]


def test_a_page_without_main_has_no_text_to_search() -> None:
    assert main_text("<html><body><p>正文</p></body></html>") == ""
