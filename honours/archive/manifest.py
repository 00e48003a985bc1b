"""What proves an archive whole: manifest.json, SHA256SUMS for checking it without honours, and 说明.txt.

manifest.json lists every other file (path, size, SHA-256) with honours' version, the date the
content was made (the latest date its records give, never the clock, so archives stay
reproducible) and the digest of its source records. SHA256SUMS holds the same digests, and the
manifest's own, in the format `sha256sum -c` reads.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
README = "说明.txt"
FORMAT = 1  # bump when manifest.json's keys change, so verify knows what it reads


@dataclass(frozen=True, slots=True)
class Holdings:
    """What an archive says about itself besides its files."""

    name: str  # the folder it unzips into, e.g. honours-2024
    year: int
    producer: str  # honours' name and version
    built: str  # the content's date, ISO
    sources: str  # SHA-256 of the source records
    catalogue: str  # the 归档文件目录's file name, without its extension


def manifest(files: Mapping[str, bytes], holdings: Holdings) -> bytes:
    """Return manifest.json for the files (archive path -> bytes): each one's path, size and SHA-256."""
    listed = [json.dumps({"path": path, "size": len(files[path]), "sha256": hashlib.sha256(files[path]).hexdigest()},
                         ensure_ascii=False) for path in sorted(files)]
    about = {"format": FORMAT, "archive": holdings.name, "year": holdings.year, "producer": holdings.producer,
             "built": holdings.built, "sources_sha256": holdings.sources}
    head = json.dumps(about, ensure_ascii=False, indent=1)[:-2]  # one file a line: a reader can scan it
    return (head + ',\n "files": [\n  ' + ",\n  ".join(listed) + "\n ]\n}\n").encode("utf-8")


def sums(files: Mapping[str, bytes]) -> bytes:
    """Return SHA256SUMS: `sha256sum -c SHA256SUMS`, run in the unzipped folder, checks every file listed."""
    return "".join(f"{hashlib.sha256(files[path]).hexdigest()}  {path}\n" for path in sorted(files)).encode("utf-8")


def readme(holdings: Holdings) -> bytes:
    """Return 说明.txt: what each part of the archive is, and how to check it with or without honours."""
    text = f"""{holdings.year} 年度光荣榜归档（{holdings.name}）
======================================

本归档由 {holdings.producer} 生成，内容截至 {holdings.built}。各部分：

  index.html 等网页      当年的光荣榜网站，解压后双击 index.html 即可浏览（含站内搜索），无需网络和服务器。
  print/                 当年每份公文（通报、表彰决定）和光荣榜的 PDF，均为长期保存格式 PDF/A-2b，字体已嵌入，
                         文件属性（XMP）中记有题名、发文机关、日期、文号和所属活动。
  {holdings.catalogue}.html  归档文件目录（DA/T 22-2015），A4 横向，可直接打印；
  {holdings.catalogue}.pdf   同一目录的 PDF/A；
  {holdings.catalogue}.xlsx  同一目录的电子表格，可导入档案管理系统。
  source/                当年的源记录（content/ 中该年度的活动、通报、人员、单位及照片，以及 site.toml、
                         模板和素材），可用 honours 重新生成本归档。
  {MANIFEST}          每个文件的路径、大小和 SHA-256 校验值，以及 honours 版本、内容日期和源记录的校验值。
  {SUMS}             同样的校验值，供不装 honours 时核对。

核对归档是否完整、未被改动：
  装有 honours 时：      honours verify {holdings.name}.zip   （或解压后的文件夹）
  未装 honours 时：      在解压出的 {holdings.name} 文件夹中运行
                             sha256sum -c {SUMS}
                         （Windows PowerShell 可用 Get-FileHash -Algorithm SHA256 逐个对照）。
                         每行显示“成功”或“OK”即为完好；它不查多出的文件，honours verify 会查。
"""
    return text.encode("utf-8")
