"""Files too large to be records are refused before they are read, naming the file, its size and the limit."""
from __future__ import annotations

from pathlib import Path

from conftest import run, write_tree

BULLETIN = "content/bulletins/changwen.md"
HONOURS = "content/campaigns/wenming-2024/honours.yaml"
MB = 1024 * 1024


def bulletin(size: int) -> str:
    """Return a bulletin whose body of plain paragraphs makes the file about `size` bytes."""
    paragraph = "为表彰先进，树立典型，经研究决定，对在文明创建工作中表现突出的集体和个人予以通报表彰。" * 4 + "\n\n"
    count = size // len(paragraph.encode()) + 1
    return "---\ntitle: 长文通报\nissuer: 机关党委\ndate: 2024-07-01\n---\n" + paragraph * count


def output_files(output: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}


def test_a_record_over_the_default_limit_is_refused_with_its_size_and_output_is_kept(built: Path, site_dir: Path) -> None:
    before = output_files(built)
    write_tree(site_dir, {BULLETIN: bulletin(5 * MB + MB // 5)})
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 1, result.output
    assert f"错误 {BULLETIN}: 文件太大（5.2 MB），超过上限 5 MB，没有读取" in result.output
    assert "在 site.toml 中写一行 max_file_mb = 6 提高上限" in result.output
    assert output_files(built) == before


def test_the_size_is_checked_before_the_file_is_read(site_dir: Path) -> None:
    # Bytes no encoding can read: had the file been read, the encoding error would be reported too.
    write_tree(site_dir, {"site.toml": 'title = "测试光荣榜"\nmax_file_mb = 1\n', HONOURS: b"\xff\xfe\xfd\n" * (MB // 3)})
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 1, result.output
    assert f"错误 {HONOURS}: 文件太大（1.3 MB），超过上限 1 MB" in result.output
    assert "文件编码" not in result.output and "共 1 个错误" in result.output


def test_the_limit_is_a_setting_that_lets_a_larger_file_through(site_dir: Path) -> None:
    write_tree(site_dir, {"site.toml": 'title = "测试光荣榜"\nmax_file_mb = 1\n', BULLETIN: bulletin(MB + MB // 10)})
    refused = run("build", "--site", str(site_dir))
    assert refused.exit_code == 1 and "超过上限 1 MB" in refused.output and "max_file_mb = 2" in refused.output
    assert not (site_dir / "output").exists()
    write_tree(site_dir, {"site.toml": 'title = "测试光荣榜"\nmax_file_mb = 2\n'})
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 0, result.output
    assert "长文通报" in (site_dir / "output/bulletins/changwen.html").read_text(encoding="utf-8")


def test_the_limit_is_at_least_one_megabyte(site_dir: Path) -> None:
    write_tree(site_dir, {"site.toml": 'title = "测试光荣榜"\nmax_file_mb = 0\n'})
    result = run("build", "--site", str(site_dir))
    assert result.exit_code == 1 and "site.toml:2: max_file_mb:" in result.output, result.output


def test_a_paragraph_of_a_whole_pasted_report_is_refused_at_its_first_line(site_dir: Path) -> None:
    # Lines pasted from Word with no blank line between are one paragraph, converted in time that grows with
    # the square of its length; the same text with a blank line after each line is many paragraphs and builds.
    lines = ["第一段，简短的导语。", ""] + ["会议指出，要以**先进典型**为榜样，推动各项工作再上新台阶。" * 5] * 200
    write_tree(site_dir, {BULLETIN: bulletin(0) + "\n".join(lines) + "\n"})
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 1, result.output
    assert f"{BULLETIN}:10: 从这一行起的一段文字超过 20000 个字符，中间没有空行 — 段落之间空一行" in result.output
    write_tree(site_dir, {BULLETIN: bulletin(0) + "\n\n".join(lines) + "\n"})
    result = run("check", "--site", str(site_dir))
    assert result.exit_code == 0, result.output
