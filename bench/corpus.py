"""Generate a large, realistic honours site (光荣榜) for benchmarks and tests.

    python bench/corpus.py OUT_DIR [--seed 1] [--scale 1.0] [--photos N]

writes OUT_DIR/site.toml and OUT_DIR/content/ (units, people with portraits, campaigns with their
honours and monthly assessments, score schemes, bulletins), ready for

    python build.py check --site OUT_DIR --strict
    python build.py build --site OUT_DIR

At scale 1.0 the site has 10,000 people, 500 units in a tree (集团公司 → 二级单位 → 科室/基层队 →
班组/服务窗口, plus 党支部), 50 campaigns over 2006–2025 conferring 20,000 honours, 200 bulletins,
10 campaigns with a year of monthly scores under a scheme, and 2,000 synthetic JPEG photos.
`--scale 0.01` scales every count down, keeping at least two campaigns (one of them assessed) and a
few units and people, so tests can use a tiny corpus; `--photos N` overrides the photo count.

Everything is drawn from random.Random seeded by `--seed`, so the same seed writes byte-identical
files, photos included (they are made in a process pool, each from its own seed). OUT_DIR must be
new, empty, or an earlier output of this script, whose content/ is then replaced.

From Python (bench/build.py, tests):

    from corpus import generate
    counts = generate(Path("/tmp/corpus"), seed=1, scale=0.05)

Needs only the standard library, Pillow and pypinyin.
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import io
import itertools
import json
import math
import multiprocessing
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from random import Random

from PIL import Image, ImageChops, ImageDraw, ImageFilter
from pypinyin import Style, lazy_pinyin

MARKER = ".corpus.json"  # written into OUT_DIR, so a later run knows it may replace content/
FIRST_YEAR, LAST_YEAR = 2006, 2025
GROUP = "瀚海能源集团有限公司"
GROUP_SHORT = "瀚海集团"
GROUP_ID = "hanhai-jituan"


# ============================================================================================ counts


@dataclass(frozen=True)
class Counts:
    """How many of each record the corpus has."""

    people: int
    units: int
    campaigns: int
    honours: int
    bulletins: int
    assessed_campaigns: int
    photos: int

    @classmethod
    def at(cls, scale: float, photos: int | None = None) -> Counts:
        """Return the counts of a corpus at `scale` (1.0 = the full benchmark site)."""
        def scaled(full: int, least: int) -> int:
            return max(least, round(full * scale))
        campaigns = scaled(50, 2)  # one assessed and one ordinary, at least
        return cls(people=scaled(10_000, 20), units=scaled(500, 12), campaigns=campaigns,
                   honours=scaled(20_000, 10), bulletins=scaled(200, 1),
                   assessed_campaigns=min(campaigns, scaled(10, 1)),
                   photos=scaled(2_000, 0) if photos is None else max(0, photos))


# ======================================================================================== utilities


def rng_for(seed: int, part: str) -> Random:
    """Return the random stream of one part of the corpus, independent of the others."""
    return Random(f"{seed}:{part}")


CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """Return 1..99 in Chinese numerals: 一, 十, 十二, 二十三."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_DIGITS[ones]
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9~][^\n]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "~"}


def yaml_text(text: str) -> str:
    """Return `text` as a YAML scalar: plain where that is safe, else double-quoted."""
    if (_PLAIN.match(text) and ": " not in text and " #" not in text and not text.endswith((":", " "))
            and text.lower() not in _RESERVED):
        return text
    return json.dumps(text, ensure_ascii=False)


def number(value: float) -> str:
    """Return points as people write them: 43, 42.5."""
    return f"{value:g}"


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + count
    return index // 12, index % 12 + 1


def split_evenly(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), so the parts sum to `total`."""
    whole = sum(weights) or 1.0
    exact = [total * w / whole for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[:total - sum(parts)]:
        parts[i] += 1
    return parts


# ============================================================================================ names

# Surname frequencies (per cent, after the 2020 census lists); the compound surnames a little more often
# than in life, so that a corpus of 10,000 has a few dozen of them.
SURNAMES = (
    "王7.1 李7.0 张6.8 刘5.4 陈4.5 杨3.1 赵2.3 黄2.2 周1.9 吴2.0 徐1.6 孙1.5 胡1.3 朱1.3 高1.1 林1.0 何1.2 "
    "郭1.2 马1.5 罗.87 梁.83 宋.71 郑.86 谢.73 韩.67 唐.70 冯.65 于.53 董.56 萧.2 肖.4 程.47 曹.63 袁.55 "
    "邓.64 许.68 傅.2 付.25 沈.41 曾.6 彭.61 吕.44 苏.46 卢.39 蒋.52 蔡.51 贾.28 丁.43 魏.45 薛.15 叶.48 "
    "阎.05 闫.15 余.5 潘.54 杜.49 戴.08 夏.27 钟.36 汪.33 田.57 任.42 姜.38 范.32 方.24 石.3 姚.4 谭.35 "
    "廖.29 邹.22 熊.2 金.31 陆.34 郝.1 孔.07 白.23 崔.37 康.06 毛.1 邱.18 秦.19 江.17 史.12 顾.1 侯.13 "
    "邵.09 孟.21 龙.13 万.09 段.14 雷.14 钱.09 汤.07 尹.16 黎.11 易.04 常.06 武.08 乔.04 贺.11 赖.05 龚.09 "
    "文.05 庞.04 樊.05 兰.03 殷.03 施.05 陶.12 洪.04 翟.03 安.04 颜.04 倪.04 严.08 牛.05 温.06 芦.02 "
    "季.02 俞.03 章.03 鲁.03 葛.05 伍.04 韦.26 申.03 尤.02 毕.02 聂.03 丛.02 焦.03 向.07 柳.03 邢.05 "
    "路.02 岳.03 齐.04 梅.02 莫.07 庄.03 辛.02 管.02 祝.02 左.03 涂.02 谷.02 祁.02 时.02 舒.02 "
    "耿.03 牟.02 卜.02 詹.03 关.03 苗.02 凌.02 费.02 纪.02 靳.02 盛.02 童.02 欧.03 甄.02 项.02 "
    "曲.02 成.02 游.02 阳.02 裴.02 席.02 卫.02 查.02 屈.02 鲍.02 位.01 覃.08 霍.02 翁.02 隋.02 植.01 "
    "甘.02 景.02 薄.01 单.02 包.02 司.02 柏.02 宁.02 柯.02 阮.02 桂.02 闵.02 解.02 强.02 柴.02 华.02 "
    "车.02 冉.02 房.02 边.02 辜.01 吉.02 饶.02 刁.02 瞿.02 戚.02 丘.01 古.02 米.02 池.02 滕.02 晋.01 "
    "苑.02 邬.02 臧.02 畅.01 宫.02 来.01 缪.02 苟.02 全.02 佟.02 仇.02 栾.02 商.02 巫.02 寇.02 桑.02 "
    "欧阳.03 司马.015 上官.01 诸葛.008 司徒.01 皇甫.006 尉迟.003 令狐.003 慕容.002 东方.003 夏侯.003 "
    "端木.002 公孙.002 长孙.002 宇文.002 万俟.001"
)
# Surnames whose reading as a surname differs from the character's usual one.
SURNAME_READINGS = {"曾": "zeng", "单": "shan", "仇": "qiu", "解": "xie", "查": "zha", "缪": "miao",
                    "覃": "qin", "柏": "bai", "尉迟": "yuchi", "万俟": "moqi", "长孙": "zhangsun",
                    "翟": "zhai", "盖": "ge", "乐": "yue", "区": "ou", "朴": "piao"}
GIVEN_MALE_1 = "建志国永海晓文立宏俊德春庆振家子云学世红新天金玉保长小大兴明少思宇浩嘉鹏雪连树正卫东占"
GIVEN_MALE_2 = "军华明平伟强林东峰辉刚勇涛斌波杰成生龙祥荣彬超鹏飞亮宁磊鑫宇轩阳博凯洋川江山松柏利良民忠"
GIVEN_FEMALE_1 = "秀丽晓春玉桂淑美雪海红慧静雅欣思梦佳婷小燕凤文金丹爱彩翠冬月艳晶亚"
GIVEN_FEMALE_2 = "兰英华芳梅红燕玲娟霞丽敏静婷琳萍洁云雪颖倩丹莉琴茹蕾怡欣涵悦珍凤荣平娜"
# Names of one character, for the single-character given names.
GIVEN_MALE_SINGLE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁健亮峰林海东浩宇博凯龙洋彬毅坤"
GIVEN_FEMALE_SINGLE = "芳娜敏静丽艳娟霞燕玲婷雪琳萍洁颖倩丹莉琴蕾欣悦楠"
# Minority names written with a middle dot: (given names male, given names female, fathers' names).
UYGHUR = (("艾力", "买买提", "阿不都", "艾尔肯", "吐尔逊", "热合曼", "努尔兰", "阿里木", "帕尔哈提", "麦麦提",
           "伊力哈木", "亚森"),
          ("古丽", "阿依古丽", "迪丽拜尔", "热依拉", "帕提古丽", "努尔古丽", "米热", "再娜甫", "阿依努尔"),
          ("买买提", "吐尔逊", "阿不都拉", "依明", "艾则孜", "卡德尔", "司马义", "热合曼", "托合提", "玉素甫",
           "阿布力孜", "肉孜"))
KAZAKH = (("叶尔江", "努尔兰", "别克", "哈那提", "巴合提", "江布尔"), ("阿依达娜", "古丽娜尔", "热依汗", "阿娜尔"),
          ("别克", "哈斯木", "吐尔洪", "叶尔兰", "加那提", "努尔别克"))
MONGOLIAN = (("巴特尔", "苏和", "朝鲁", "宝音", "额尔敦", "那顺", "毕力格", "布和"),
             ("其其格", "乌兰", "斯琴", "萨仁", "娜仁花", "高娃", "图雅"))
TIBETAN = (("扎西", "次仁", "旦增", "多吉", "平措", "格桑", "尼玛"), ("卓玛", "央金", "拉姆", "德吉", "曲珍", "白玛"))
# Peoples whose members mostly have Chinese names, by how often they occur among the staff.
HAN_NAMED_MINORITIES = {"回族": 30, "满族": 25, "壮族": 12, "蒙古族": 10, "土家族": 6, "苗族": 5, "彝族": 4,
                        "朝鲜族": 4, "锡伯族": 2, "达斡尔族": 2}


@cache
def _char_pinyin(char: str) -> str:
    return lazy_pinyin(char, style=Style.NORMAL, errors="ignore")[0] if char.strip("·") else ""


def romanise(text: str) -> str:
    """Return the toneless pinyin of `text`, letters only (吕 → lv)."""
    return "".join(re.sub(r"[^a-z]", "", _char_pinyin(c)) for c in text)


@dataclass(frozen=True)
class Name:
    """A person's name, with its parts romanised for the record's id."""

    text: str
    slug: str
    ethnicity: str | None  # None for 汉族
    surname: str  # or the first word of a name without one: 艾力 of 艾力·买买提


class NameMaker:
    """Chinese names with a realistic surname distribution and a few minority names."""

    def __init__(self, rng: Random):
        self.rng = rng
        entries = [(m.group(1), float(m.group(2))) for m in re.finditer(r"(\D+?)([\d.]+)", SURNAMES.replace(" ", ""))]
        self.surnames = [s for s, _ in entries]
        self.cumulative = list(itertools.accumulate(w for _, w in entries))

    def surname(self) -> str:
        return self.surnames[bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]

    def make(self, female: bool) -> Name:
        roll = self.rng.random()
        if roll < 0.006:
            return self._dotted(UYGHUR, female, "维吾尔族")
        if roll < 0.008:
            return self._dotted(KAZAKH, female, "哈萨克族")
        if roll < 0.011:
            return self._single_word(MONGOLIAN, female, "蒙古族")
        if roll < 0.013:
            return self._single_word(TIBETAN, female, "藏族", pairs=True)
        surname = self.surname()
        given = self._given(female)
        peoples = list(HAN_NAMED_MINORITIES)
        ethnicity = self.rng.choices(peoples, list(HAN_NAMED_MINORITIES.values()))[0] if roll > 0.95 else None
        slug = f"{SURNAME_READINGS.get(surname) or romanise(surname)}-{romanise(given)}"
        return Name(surname + given, slug, ethnicity, surname)

    def _given(self, female: bool) -> str:
        if self.rng.random() < 0.28:
            return self.rng.choice(GIVEN_FEMALE_SINGLE if female else GIVEN_MALE_SINGLE)
        first, second = (GIVEN_FEMALE_1, GIVEN_FEMALE_2) if female else (GIVEN_MALE_1, GIVEN_MALE_2)
        a, b = self.rng.choice(first), self.rng.choice(second)
        return a + (b if b != a else self.rng.choice(second))

    def _dotted(self, names: tuple[tuple[str, ...], ...], female: bool, ethnicity: str) -> Name:
        given = self.rng.choice(names[1] if female else names[0])
        father = self.rng.choice(names[2])
        return Name(f"{given}·{father}", f"{romanise(given)}-{romanise(father)}", ethnicity, given)

    def _single_word(self, names: tuple[tuple[str, ...], ...], female: bool, ethnicity: str,
                     pairs: bool = False) -> Name:
        """A name of one word (巴特尔, 其其格) or, with `pairs`, of two (扎西次仁, 次仁卓玛)."""
        last = self.rng.choice(names[1] if female else names[0])
        first = self.rng.choice([n for n in names[0] if n != last]) if pairs else ""
        return Name(first + last, romanise(first + last), ethnicity, first or last)


# ============================================================================================ units


@dataclass(frozen=True)
class Branch:
    """A line of business: the names of its teams and crews and the words of its texts."""

    key: str
    teams: tuple[tuple[str, str], ...]  # (name, id part)
    crews: tuple[tuple[str, str], ...]
    workers: tuple[str, ...]
    objects: str
    skills: str
    innovations: tuple[str, ...]
    metrics: tuple[str, ...]


def _named(text: str) -> tuple[tuple[str, str], ...]:
    """Parse "采购站:caigou-zhan 配送中心:peisong" into (name, id part) pairs."""
    return tuple((name, slug) for name, slug in (item.split(":") for item in text.split()))


def _numbered(name: str, slug: str, count: int) -> tuple[tuple[str, str], ...]:
    """采油一队:1dui … for the numbered teams of a branch."""
    return tuple((name.format(n=cn_number(i)), slug.format(n=i)) for i in range(1, count + 1))


BRANCHES = {branch.key: branch for branch in (
    Branch("oil", _numbered("采油{n}队", "{n}dui", 6) + _named("注水队:zhushui-dui 集输队:jishu-dui"),
           _named("第一采油班:1ban 第二采油班:2ban 计量班:jiliang-ban 维修班:weixiu-ban"),
           ("采油工", "注水工", "集输工", "维修工", "巡井工", "计量工", "资料员"), "油水井",
           "抽油机维护、功图分析和资料录取",
           ("抽油机平衡块调整器", "井口防盗卡子", "多功能取样器", "加药装置改进", "光杆密封器"),
           ("油井时率", "分注合格率", "资料全准率", "油井利用率")),
    Branch("refinery", _named("常减压车间:changjianya 催化裂化车间:cuihua 加氢精制车间:jiaqing 重整车间:chongzheng "
                              "储运车间:chuyun 动力车间:dongli 质检中心:zhijian 维修车间:weixiu"),
           _named("运行一班:1ban 运行二班:2ban 运行三班:3ban 仪表班:yibiao-ban"),
           ("操作工", "内操", "外操", "仪表工", "化验员", "钳工"), "装置", "DCS操作、工艺调整和设备巡检",
           ("换热器在线清洗装置", "机泵密封改进", "加热炉余热回收", "采样器防泄漏改造"),
           ("装置平稳率", "工艺卡片执行率", "装置负荷率", "产品合格率")),
    Branch("drilling", _numbered("钻井{n}队", "zuanjing-{n}dui", 5)
           + _named("固井队:gujing-dui 测井队:cejing-dui 压裂队:yalie-dui"),
           _named("司钻班:sizuan-ban 井架班:jingjia-ban 机房班:jifang-ban 泥浆班:nijiang-ban"),
           ("司钻", "井架工", "钻工", "机房工", "泥浆工", "电气工程师"), "钻机", "钻井参数优化、井控操作和设备保养",
           ("钻具防掉装置", "泥浆循环改进", "井控演练教具", "顶驱保养工具"),
           ("固井优质率", "井身质量合格率", "一次交井合格率", "设备完好率")),
    Branch("supply", _numbered("物资{n}库", "{n}ku", 4)
           + _named("采购站:caigou-zhan 配送中心:peisong 检验站:jianyan-zhan 化工库:huagong-ku"),
           _named("收发班:shoufa-ban 保管班:baoguan-ban 装卸班:zhuangxie-ban 配送班:peisong-ban"),
           ("保管员", "收发员", "叉车司机", "采购员", "检验员", "统计员"), "库存物资", "物资验收、仓储管理和配送调度",
           ("货架定位编码系统", "扫码出入库流程", "危化品存放改造", "叉车安全防护"),
           ("账物相符率", "配送及时率", "到货及时率", "客户满意率")),
    Branch("pipeline", _numbered("输油{n}站", "shuyou-{n}zhan", 5)
           + _named("管道维修队:weixiu-dui 计量站:jiliang-zhan 调控中心:diaokong"),
           _named("运行一班:1ban 运行二班:2ban 巡线班:xunxian-ban 维修班:weixiu-ban"),
           ("输油工", "巡线工", "计量工", "电工", "仪表工", "调度员"), "管线", "输油泵操作、管线巡护和计量交接",
           ("管线阴极保护测试桩", "泵机组振动监测", "巡线打卡系统", "阀门快速堵漏器"),
           ("输油计划完成率", "管线完好率", "巡线到位率", "设备完好率")),
    Branch("service", _numbered("物业{n}站", "wuye-{n}zhan", 4)
           + _named("餐饮中心:canyin 供暖站:gongnuan 社区服务中心:shequ 绿化队:lvhua"),
           _named("维修班:weixiu-ban 保洁班:baojie-ban 客服班:kefu-ban 厨师班:chushi-ban"),
           ("维修工", "保洁员", "客服员", "厨师", "电工", "管道工"), "服务设施", "水电维修、物业服务和客户接待",
           ("报修服务小程序", "供暖管网平衡调节", "厨房节能改造", "楼道照明延时改造"),
           ("报修及时率", "居民满意率", "供暖达标率", "投诉办结率")),
    Branch("workover", _numbered("修井{n}队", "xiujing-{n}dui", 5)
           + _named("试油队:shiyou-dui 大修队:daxiu-dui 带压作业队:daiya-dui"),
           _named("作业一班:1ban 作业二班:2ban 修井机班:xiujingji-ban 工具班:gongju-ban"),
           ("井下作业工", "修井工", "司机", "工具工", "安全员"), "作业井", "起下管柱、打捞和带压作业",
           ("油管防喷器", "打捞工具改进", "清洁作业防污装置", "井口对中装置"),
           ("作业一次合格率", "一次作业成功率", "工具完好率", "清洁作业率")),
    Branch("research", _named("地质研究所:dizhi 开发研究所:kaifa 采油工艺研究所:gongyi 地球物理研究所:wutan "
                              "实验中心:shiyan 信息研究所:xinxi 规划研究所:guihua 提高采收率研究所:caishoulv"),
           _named("一室:1shi 二室:2shi 三室:3shi 综合室:zonghe-shi"),
           ("工程师", "高级工程师", "助理工程师", "研究员", "实验员"), "研究项目", "油藏描述、数值模拟和方案编制",
           ("剩余油分布预测方法", "化学驱配方优化", "岩心分析流程", "测井解释模板"),
           ("方案符合率", "成果转化率", "项目按期完成率", "预测准确率")),
    Branch("it", _named("网络运维部:wangluo 软件开发部:ruanjian 数据中心:shuju 通信站:tongxin 信息安全部:anquan "
                        "用户服务部:yonghu 自动化部:zidonghua 档案数字化中心:dangan"),
           _named("运维一组:1zu 运维二组:2zu 开发组:kaifa-zu 值班组:zhiban-zu"),
           ("工程师", "运维工程师", "程序员", "网络管理员", "话务员"), "信息系统", "网络运维、系统开发和信息安全",
           ("生产数据自动采集", "机房巡检机器人", "视频会议系统优化", "网络故障快速定位"),
           ("系统可用率", "故障处理及时率", "用户满意率", "数据准确率")),
)}
OFFICE = Branch("office", (), (), ("干事", "主管", "业务员", "工程师", "会计", "统计员", "科员"), "业务",
                "政策研究、综合协调和制度建设",
                ("公文流转电子化", "督办系统", "报表自动汇总", "合同审查清单"),
                ("工作完成率", "督办办结率", "服务满意率", "信息报送及时率"))

# Second-level units, in the order a bigger corpus adds them: (name, short name, id, kind, branch).
SUB_UNITS = (
    ("第一采油厂", "采油一厂", "caiyou-1chang", "采油厂", "oil"),
    ("炼油化工厂", "炼化厂", "lianhua-chang", "二级单位", "refinery"),
    ("第二采油厂", "采油二厂", "caiyou-2chang", "采油厂", "oil"),
    ("工程技术公司", "工程公司", "gongcheng-gongsi", "二级单位", "drilling"),
    ("第三采油厂", "采油三厂", "caiyou-3chang", "采油厂", "oil"),
    ("物资供应公司", "物资公司", "wuzi-gongsi", "二级单位", "supply"),
    ("油气储运公司", "储运公司", "chuyun-gongsi", "二级单位", "pipeline"),
    ("第四采油厂", "采油四厂", "caiyou-4chang", "采油厂", "oil"),
    ("生活服务公司", "服务公司", "fuwu-gongsi", "二级单位", "service"),
    ("井下作业公司", "井下公司", "jingxia-gongsi", "二级单位", "workover"),
    ("勘探开发研究院", "研究院", "yanjiuyuan", "二级单位", "research"),
    ("第五采油厂", "采油五厂", "caiyou-5chang", "采油厂", "oil"),
    ("信息技术中心", "信息中心", "xinxi-zhongxin", "二级单位", "it"),
)
SUB_OFFICES = _named("综合办公室:bangongshi 生产运行科:shengchan-ke 党群工作科:dangqun-ke 安全环保科:anquan-ke "
                     "财务科:caiwu-ke 人事科:renshi-ke 技术管理科:jishu-ke 经营管理科:jingying-ke")
SUB_WINDOWS = _named("财务结算窗口:jiesuan-chuangkou 人事服务窗口:renshi-chuangkou")
HQ_DEPARTMENTS = _named(
    "党委办公室:dangwei-bangongshi 总经理办公室:zongjingli-bangongshi 党委组织部:zuzhi-bu 党委宣传部:xuanchuan-bu "
    "人力资源部:renli-ziyuan-bu 财务资产部:caiwu-zichan-bu 规划计划部:guihua-jihua-bu 生产运行部:shengchan-yunxing-bu "
    "安全环保部:anquan-huanbao-bu 技术发展部:jishu-fazhan-bu 企业管理部:qiye-guanli-bu 法律事务部:falv-shiwu-bu "
    "审计部:shenji-bu 纪委办公室:jiwei-bangongshi 工会:gonghui 团委:tuanwei 信息管理部:xinxi-guanli-bu "
    "物资采购部:wuzi-caigou-bu 质量管理部:zhiliang-guanli-bu 离退休管理部:lituixiu-bu 保卫部:baowei-bu "
    "档案中心:dangan-zhongxin")
HQ_WINDOWS = {"caiwu-zichan-bu": ("财务结算窗口", "caiwu-jiesuan-chuangkou"),
              "renli-ziyuan-bu": ("人事服务窗口", "renshi-fuwu-chuangkou"),
              "lituixiu-bu": ("社保服务窗口", "shebao-fuwu-chuangkou"),
              "dangan-zhongxin": ("档案查询窗口", "dangan-chaxun-chuangkou"),
              "jiwei-bangongshi": ("信访接待窗口", "xinfang-jiedai-chuangkou"),
              "falv-shiwu-bu": ("合同审查窗口", "hetong-shencha-chuangkou")}
HQ_BRANCHES = 8


@dataclass(eq=False)
class Unit:
    """A unit of the tree, as the generator plans it."""

    id: str
    name: str
    kind: str
    parent: Unit | None
    branch: Branch
    folder: str
    short_name: str | None = None
    weight: int = 0
    children: list[Unit] = field(default_factory=list)
    members: list[Person] = field(default_factory=list)
    photo: str | None = None
    priority: tuple[int, int, int] = (0, 0, 0)

    def add(self, child: Unit) -> Unit:
        self.children.append(child)
        return child

    @property
    def top(self) -> Unit:
        """The 二级单位 (or 机关) the unit belongs to; the group itself for the root."""
        unit = self
        while unit.parent is not None and unit.parent.parent is not None:
            unit = unit.parent
        return unit

    def subtree(self) -> Iterator[Unit]:
        yield self
        for child in self.children:
            yield from child.subtree()

    def headcount(self) -> int:
        return sum(len(u.members) for u in self.subtree())


def _hq(root: Unit) -> Unit:
    """The HQ (机关) with its departments, service windows and party branches, interleaved."""
    hq = root.add(Unit("jituan-jiguan", f"{GROUP}机关", "机关", root, OFFICE, "jiguan", "集团公司机关", 1))
    branches = [Unit(f"jiguan-di{i}-dangzhibu", f"机关第{cn_number(i)}党支部", "党支部", hq, OFFICE, "jiguan",
                     weight=50 + i) for i in range(1, HQ_BRANCHES + 1)]
    for index, (name, slug) in enumerate(HQ_DEPARTMENTS):
        department = hq.add(Unit(slug, name, "部室", hq, OFFICE, "jiguan", weight=index + 1))
        if slug in HQ_WINDOWS:
            window_name, window_id = HQ_WINDOWS[slug]
            department.add(Unit(window_id, window_name, "服务窗口", department, OFFICE, "jiguan", weight=80))
        if index % 3 == 0 and branches:
            hq.add(branches.pop(0))
    for branch in branches:
        hq.add(branch)
    return hq


def _sub_unit(root: Unit, index: int) -> Unit:
    """The index-th 二级单位 with its offices, windows, teams, crews and party branches."""
    if index < len(SUB_UNITS):
        name, short, uid, kind, key = SUB_UNITS[index]
    else:  # a corpus above scale 1 gets more oil plants
        n = index - len(SUB_UNITS) + 6
        name, short, uid = f"第{cn_number(n)}采油厂", f"采油{cn_number(n)}厂", f"caiyou-{n}chang"
        kind, key = "采油厂", "oil"
    branch = BRANCHES[key]
    sub = root.add(Unit(uid, name, kind, root, branch, uid, short, index + 2))
    offices = [Unit(f"{uid}-{slug}", f"{short}{office}", "科室", sub, OFFICE, uid, office, i + 1)
               for i, (office, slug) in enumerate(SUB_OFFICES)]
    teams = [Unit(f"{uid}-{slug}", f"{short}{team}", "基层队", sub, branch, uid, team, 10 + i)
             for i, (team, slug) in enumerate(branch.teams)]
    party = Unit(f"{uid}-jiguan-dangzhibu", f"{short}机关党支部", "党支部", sub, OFFICE, uid, weight=90)
    for position, unit in enumerate(_interleave(teams, offices)):
        sub.add(unit)
        if position == 3:
            sub.add(party)
    for (window, slug), office in zip(SUB_WINDOWS, (offices[4], offices[5]), strict=True):
        office.add(Unit(f"{uid}-{slug}", f"{short}{window}", "服务窗口", office, OFFICE, uid, window, 80))
    for team in teams:
        _crews(team, branch, uid)
    return sub


def _crews(team: Unit, branch: Branch, folder: str) -> None:
    crews = [Unit(f"{team.id}-{slug}", f"{team.short_name}{crew}", "班组", team, branch, folder, crew, i + 1)
             for i, (crew, slug) in enumerate(branch.crews[:3])]
    party = Unit(f"{team.id}-dangzhibu", f"{team.short_name}党支部", "党支部", team, OFFICE, folder, weight=90)
    for unit in (crews[0], party, *crews[1:]):
        team.add(unit)


def _interleave(first: list[Unit], second: list[Unit]) -> list[Unit]:
    merged = []
    for a, b in itertools.zip_longest(first, second):
        merged.extend(u for u in (a, b) if u is not None)
    return merged


def build_units(count: int) -> list[Unit]:
    """Return `count` units (root first, every parent before its children) of a balanced tree.

    A tree larger than needed is drawn, then cut: a unit's priority is the largest position among
    its siblings on its way from the root, so cutting keeps the first children of every unit and a
    small corpus still has every level and kind.
    """
    root = Unit(GROUP_ID, GROUP, "集团公司", None, OFFICE, "", GROUP_SHORT)
    hq = _hq(root)
    subs = 0
    while sum(1 for _ in root.subtree()) < count or subs == 0:
        _sub_unit(root, subs)
        subs += 1
    root.children.remove(hq)
    root.children.insert(min(1, len(root.children)), hq)
    ordered = list(root.subtree())
    for position, unit in enumerate(ordered):
        if unit.parent is not None:
            rank = unit.parent.children.index(unit)
            depth = unit.parent.priority[1] + 1
            unit.priority = (max(unit.parent.priority[0], rank), depth, position)
    kept = set(map(id, sorted(ordered, key=lambda u: u.priority)[:count]))
    for unit in ordered:
        unit.children = [c for c in unit.children if id(c) in kept]
    return [u for u in ordered if id(u) in kept]


# =========================================================================================== people

# Education, with the ages at which people who had it started work; listed as often as it occurs.
EDUCATIONS = (("大学本科", 22, 23), ("大学本科", 22, 23), ("大学专科", 20, 22), ("大学专科", 20, 22), ("技校", 18, 20),
              ("中专", 18, 20), ("高中", 18, 20), ("硕士研究生", 25, 27))
LEADERS = {  # (head, deputy) of each kind of unit
    "集团公司": ("董事长", "总经理"), "采油厂": ("厂长", "党委书记"), "二级单位": ("经理", "党委书记"),
    "部室": ("部长", "副部长"), "科室": ("科长", "副科长"), "基层队": ("队长", "党支部书记"),
    "班组": ("班长", "副班长"), "服务窗口": ("窗口负责人", "业务主管"), "党支部": ("党支部书记", "组织委员"),
    "机关": ("机关党委书记", "机关党委副书记"),
}
STAFF_SHARE = {"班组": 30, "基层队": 8, "科室": 5, "部室": 8, "服务窗口": 4, "党支部": 1, "采油厂": 3,
               "二级单位": 3, "集团公司": 2, "机关": 0}
TEAM_STAFF = ("技术员", "安全员", "核算员", "资料员", "材料员")
LEADER_TITLES = frozenset(title for pair in LEADERS.values() for title in pair) | {"站长", "主任", "所长"}


@dataclass(eq=False)
class Person:
    """A person of the corpus: the record's fields and what the biography is written from."""

    id: str
    name: Name
    female: bool
    unit: Unit
    position: str
    born: tuple[int, int]
    joined: tuple[int, int]
    party_year: int | None
    education: str
    staff_no: str
    phone: str | None
    merit: float  # how likely the person is to be honoured
    shows_han: bool = False  # writes ethnicity: 汉族 although it is the default
    honours: list[str] = field(default_factory=list)  # the names of the awards, oldest first
    photo: str | None = None
    focus: tuple[float, float] | None = None

    @property
    def is_leader(self) -> bool:
        return self.position in LEADER_TITLES


def build_people(rng: Random, count: int, units: list[Unit]) -> list[Person]:
    """Return `count` people spread over the units by their kind's usual headcount."""
    names = NameMaker(rng)
    staffed = [u for u in units if STAFF_SHARE.get(u.kind, 1) > 0] or units
    cumulative = list(itertools.accumulate(STAFF_SHARE.get(u.kind, 1) for u in staffed))
    taken: dict[str, int] = {}
    people = []
    for index in range(count):
        unit = staffed[bisect.bisect(cumulative, rng.random() * cumulative[-1])] if index >= len(staffed) \
            else staffed[index]
        female = rng.random() < (0.55 if unit.kind in ("服务窗口", "部室", "科室") else 0.3)
        name = names.make(female)
        taken[name.slug] = taken.get(name.slug, 0) + 1
        person_id = name.slug if taken[name.slug] == 1 else f"{name.slug}-{taken[name.slug]}"
        person = _person(rng, person_id, name, female, unit, index)
        unit.members.append(person)
        people.append(person)
    return people


def _person(rng: Random, person_id: str, name: Name, female: bool, unit: Unit, index: int) -> Person:
    born_year = rng.randint(1964, 2001)
    education, youngest, oldest = rng.choice(EDUCATIONS)
    joined_year = min(LAST_YEAR, born_year + rng.randint(youngest, oldest))
    party = rng.random() < (0.7 if unit.kind in ("部室", "科室", "党支部") else 0.35)
    party_year = min(LAST_YEAR, joined_year + rng.randint(1, 12)) if party else None
    head, deputy = _leaders(unit)
    position = head if not unit.members else deputy if len(unit.members) == 1 else _staff_position(rng, unit)
    if position in ("党支部书记", "党委书记", "组织委员", "机关党委书记") and party_year is None:
        party_year = min(LAST_YEAR, joined_year + 3)
    phone = f"1{rng.choice('35789')}{rng.randrange(10**9):09d}" if rng.random() < 0.4 else None
    return Person(person_id, name, female, unit, position, (born_year, rng.randint(1, 12)),
                  (joined_year, rng.choice((7, 7, 7, 8, 3, 9))), party_year, education,
                  f"HH{joined_year % 100:02d}{index:06d}", phone,
                  rng.paretovariate(1.6), shows_han=rng.random() < 0.2)


def _leaders(unit: Unit) -> tuple[str, str]:
    """The titles of the unit's head and deputy: a 基层队 called 输油四站 is led by a 站长."""
    if unit.kind == "基层队":
        for suffix, head in (("站", "站长"), ("车间", "主任"), ("库", "主任"), ("所", "所长"), ("中心", "主任"),
                             ("部", "主任")):
            if unit.name.endswith(suffix):
                return head, "党支部书记"
    return LEADERS.get(unit.kind, ("负责人", "副职"))


def _staff_position(rng: Random, unit: Unit) -> str:
    """A position below the unit's leaders; a branch lists its trades most common first."""
    if unit.kind == "基层队":
        return rng.choice(TEAM_STAFF + unit.branch.workers)
    if unit.kind == "党支部":
        return rng.choice(("宣传委员", "纪检委员", "组织委员", "党建干事"))
    if unit.kind in ("采油厂", "二级单位", "集团公司"):
        deputy = {"采油厂": "副厂长", "二级单位": "副经理", "集团公司": "副总经理"}[unit.kind]
        return rng.choice((deputy, "总工程师", "总会计师", "工会主席"))
    workers = unit.branch.workers
    return rng.choices(workers, range(len(workers) * 2, len(workers), -1))[0]


# ============================================================================ schemes and campaigns


@dataclass(frozen=True)
class Scheme:
    """A score scheme: items (id, name, max) by category, with its rules as written to YAML."""

    id: str
    name: str
    categories: tuple[tuple[str, tuple[tuple[str, str, float], ...]], ...]
    bonus_cap: float
    stars: tuple[tuple[str, float], ...]
    top: int
    group_by: str | None
    subjects: tuple[str, ...]  # unit kinds assessed

    @property
    def items(self) -> list[tuple[str, str, float]]:
        return [item for _, items in self.categories for item in items]


SCHEMES = (
    Scheme("shuangbai", "机关部室“双百”考核标准",
           (("业务工作", (("gongxing", "共性指标", 45), ("fenlei", "分类指标", 55))),
            ("自身建设", (("dangjian", "党建工作", 25), ("xuexi", "理论业务学习", 25),
                          ("zuofeng", "工作作风", 25), ("jilv", "劳动纪律", 25)))),
           5, (("五星", 190), ("四星", 180), ("三星", 170)), 6, "kind", ("部室", "科室", "服务窗口")),
    Scheme("sanji", "“三基”工作检查考核标准",
           (("基层建设", (("banzi", "班子建设", 15), ("dangjian", "党建工作", 15))),
            ("基础工作", (("ziliao", "基础资料", 15), ("anquan", "安全生产", 15), ("shebei", "设备管理", 10))),
            ("基本功训练", (("lianbing", "岗位练兵", 15), ("jingsai", "技能竞赛", 15)))),
           3, (("五星", 95), ("四星", 90), ("三星", 85)), 6, None, ("基层队",)),
    Scheme("banzu", "班组标准化建设考核标准",
           (("班组管理", (("zhidu", "制度执行", 20), ("taizhang", "台账资料", 10))),
            ("安全生产", (("anquan", "安全管理", 20), ("shengchan", "生产任务", 20))),
            ("队伍建设", (("peixun", "培训练兵", 15), ("wenhua", "班组文化", 15)))),
           2, (("五星", 95), ("四星", 90), ("三星", 86)), 10, "parent", ("班组",)),
)
DEDUCTION_REASONS = ("周例会1人无故迟到", "考勤抽查1人无故脱岗", "卫生检查不合格", "学习笔记抽查1人未按要求撰写",
                     "材料报送超过规定时限", "督办事项未按期办结", "安全检查发现隐患未及时整改", "巡检记录填写不规范",
                     "劳保用品穿戴不规范", "交接班记录缺项", "会议记录不完整", "现场发现跑冒滴漏未及时处理")
BONUS_REASONS = ("在集团公司新闻宣传工作中成绩突出", "信息报送工作获集团公司通报表扬", "承担专项任务表现突出",
                 "在技能竞赛中取得优异成绩", "合理化建议被采纳并推广", "抢险救援任务中表现突出")
COMMENTS = ("材料报送及时准确", "服务态度好，群众评价高", "现场管理规范", "台账资料齐全", "学习氛围浓厚",
            "整改落实到位")


@dataclass(frozen=True)
class AwardKind:
    """An award a kind of campaign confers, and whom it is drawn from."""

    slug: str
    name: str
    recipient: str  # unit or person
    weight: float  # share of the campaign's honours
    unit_kinds: tuple[str, ...] = ()  # the kinds of unit honoured, or whose people are; () for any
    levels: tuple[str, ...] = ()
    order: str | None = None
    who: str | None = None  # female, young, party, leader
    prestige: bool = False  # few, each with a citation
    description: str = ""
    ranked: int = 0  # an order: rank award naming the first N
    from_scores: str | None = None  # "rank" or "stars": decided by the campaign's assessments


@dataclass(frozen=True)
class CampaignKind:
    """A kind of campaign: its title, organiser, timetable, awards and texts."""

    slug: str
    title: str  # {scope}, {year}, {n}
    organiser: str  # party, union, admin, youth
    start: tuple[int, int]  # (month, years after the campaign year)
    end: tuple[int, int]
    awards: tuple[AwardKind, ...]
    phases: tuple[tuple[str, str], ...]
    goals: tuple[str, ...]
    theme: str
    scheme: str | None = None


ALL_UNITS = ("班组", "基层队", "服务窗口", "科室", "部室")
CAMPAIGN_KINDS = (
    CampaignKind("laomo", "{scope}{year}年度劳动模范和先进集体评选", "union", (10, 0), (4, 1), (
        AwardKind("laodong-mofan", "劳动模范", "person", 1, prestige=True,
                  description="在生产经营、科技创新、安全环保等方面作出突出贡献，在职工中享有较高威信的先进个人。"),
        AwardKind("xianjin-gongzuozhe", "先进工作者", "person", 4,
                  description="在管理、技术和服务岗位上业绩突出、爱岗敬业的先进个人。"),
        AwardKind("gongren-xianfenghao", "工人先锋号", "unit", 0.4, ("班组", "服务窗口", "基层队"),
                  description="在急难险重任务和岗位建功中表现突出的基层班组、服务窗口等先进集体。")),
        (("推荐申报阶段", "各单位按照自下而上、逐级推荐的原则，经职工民主推荐、党政联席会研究后上报推荐人选。"),
         ("审核公示阶段", "工会会同组织、人事、纪检、安全等部门审核，评审委员会评审，拟表彰名单公示5个工作日。"),
         ("表彰宣传阶段", "召开劳动模范表彰大会，组织劳模事迹报告会和“劳模进基层”宣讲活动。")),
        ("一线职工比例不低于60%", "女职工和少数民族职工占一定比例", "评选“工人先锋号”全部为基层班组或服务窗口"),
        "大力弘扬劳模精神、劳动精神、工匠精神"),
    CampaignKind("qiyi", "{scope}{year}年“七一”创先争优表彰", "party", (4, 0), (7, 0), (
        AwardKind("youxiu-dangyuan", "优秀共产党员", "person", 5, who="party",
                  description="在生产经营和急难险重任务中发挥先锋模范作用的共产党员。"),
        AwardKind("youxiu-dangwu", "优秀党务工作者", "person", 1.5, ("党支部", "部室", "科室", "基层队"), who="party",
                  description="熟悉党务工作、热心为党员群众服务、工作成绩突出的党务工作者。"),
        AwardKind("xianjin-dang-zuzhi", "先进基层党组织", "unit", 0.6, ("党支部",),
                  description="班子坚强、制度健全、作用突出的基层党支部。")),
        (("推荐评选阶段", "各基层党组织按照民主推荐、支部研究、逐级审核的程序推荐表彰对象。"),
         ("审核公示阶段", "党委组织部会同纪委办公室对推荐对象进行审核，拟表彰名单在内网公示。"),
         ("表彰学习阶段", "“七一”前夕召开表彰大会，组织先进事迹巡回报告。")),
        ("表彰对象中生产一线党员比例不低于50%", "先进基层党组织覆盖各二级单位"),
        "激励广大党员立足岗位创先争优"),
    CampaignKind("xingji", "{scope}{year}年星级班组和星级党支部创建活动", "admin", (2, 0), (12, 0), (
        AwardKind("xingji-banzu", "星级班组", "unit", 4, ("班组",), levels=("五星", "四星", "三星"),
                  description="对照《星级班组考核标准》，从班组建设、基础工作、安全生产等方面综合评定的班组。"),
        AwardKind("xingji-dangzhibu", "星级党支部", "unit", 1, ("党支部",), levels=("五星", "四星", "三星"),
                  description="从班子建设、党员队伍建设、制度建设、作用发挥等方面考核评定的基层党支部。"),
        AwardKind("youxiu-banzuzhang", "优秀班组长", "person", 1.5, ("班组",), who="leader",
                  description="带队伍、抓管理、保安全成绩突出的班组长。")),
        (("宣传发动阶段", "召开动员大会，印发创建实施方案，各基层单位制定创建计划。"),
         ("创建实施阶段", "各班组、党支部对照标准逐项创建，按季度检查验收。"),
         ("验收命名阶段", "基层单位自查、公司验收评定，命名星级班组和星级党支部。")),
        ("星级班组达到班组总数的70%以上", "星级党支部达到支部总数的80%以上", "五星级班组不少于10个"),
        "夯实基层基础、提升班组管理水平"),
    CampaignKind("wenming", "{scope}{year}年文明单位创建活动", "party", (3, 0), (12, 0), (
        AwardKind("wenming-danwei", "文明单位", "unit", 1.5, ("基层队", "科室", "部室"),
                  description="思想道德建设、企业文化建设和环境秩序建设成效明显的单位。"),
        AwardKind("xingji-chuangkou", "星级服务窗口", "unit", 0.5, ("服务窗口",), levels=("五星", "四星", "三星"),
                  description="按服务规范、办事效率、群众满意度评定的服务窗口等级。"),
        AwardKind("wenming-zhigong", "文明职工", "person", 5,
                  description="爱岗敬业、诚实守信、助人为乐，在文明创建中起表率作用的职工。")),
        (("动员部署阶段", "印发文明单位创建标准和考评细则，各单位制定创建规划。"),
         ("创建提升阶段", "开展文明礼仪、志愿服务和环境整治活动，按季度检查通报。"),
         ("考评命名阶段", "组织群众评议和年终考评，命名文明单位和星级服务窗口。")),
        ("文明单位达到基层单位总数的60%以上", "服务窗口全部达到三星级以上", "群众满意率达到95%以上"),
        "推进精神文明建设和企业文化建设"),
    CampaignKind("jineng", "{scope}第{n}届职业技能竞赛", "union", (4, 0), (10, 0), (
        AwardKind("jishu-nengshou", "技术能手", "person", 1, ("班组", "基层队"), order="rank", ranked=10, prestige=True,
                  description="竞赛总成绩前十名的选手，按名次排列。"),
        AwardKind("jingsai-youshengjiang", "竞赛优胜奖", "person", 4, ("班组", "基层队"),
                  levels=("一等奖", "二等奖", "三等奖"),
                  description="理论考试和实际操作综合成绩优秀的选手。"),
        AwardKind("youxiu-zuzhi", "优秀组织单位", "unit", 0.3, ("基层队",),
                  description="组织选手培训、参赛成绩突出的单位。")),
        (("选拔赛阶段", "各基层单位组织岗位练兵和选拔赛，推荐参赛选手。"),
         ("集中培训阶段", "公司技能专家工作室集中培训参赛选手。"),
         ("决赛阶段", "组织理论考试和实际操作决赛，评定名次。")),
        ("参赛选手覆盖所有主体工种", "一线员工参赛率达到90%以上"),
        "营造学技术、练技能、比贡献的良好氛围"),
    CampaignKind("anquan", "{scope}{year}年度安全生产先进评选", "admin", (11, 0), (1, 1), (
        AwardKind("anquan-xianjin-jiti", "安全生产先进集体", "unit", 1, ("基层队", "班组"),
                  description="全年安全生产无事故、隐患治理成效明显的基层单位。"),
        AwardKind("anquan-xianjin-geren", "安全生产先进个人", "person", 4,
                  description="严格执行安全规章制度、及时发现和消除重大隐患的员工。")),
        (("自查推荐阶段", "各单位对照评选条件自查，推荐先进集体和个人。"),
         ("审核评定阶段", "安全环保部组织审核评定，结果在内网公示。")),
        ("全年杜绝一般及以上生产安全事故", "隐患整改率100%"),
        "牢固树立安全发展理念"),
    CampaignKind("sanba", "{scope}{year}年度“三八红旗手”评选", "union", (1, 1), (3, 1), (
        AwardKind("sanba-hongqishou", "三八红旗手", "person", 3, who="female",
                  description="在各自岗位上建功立业、成绩突出的女职工。"),
        AwardKind("jinguo-jiti", "巾帼建功先进集体", "unit", 0.6, ("班组", "服务窗口", "科室", "部室"),
                  description="女职工占多数、业绩突出的先进集体。")),
        (("推荐阶段", "各单位女工委员会推荐评选对象。"),
         ("表彰阶段", "“三八”国际妇女节前夕召开表彰会。")),
        ("一线女职工比例不低于50%",),
        "激励广大女职工巾帼建功"),
    CampaignKind("qingnian", "{scope}{year}年度青年岗位能手和青年文明号评选", "youth", (9, 0), (12, 0), (
        AwardKind("qingnian-nengshou", "青年岗位能手", "person", 3, ("班组", "基层队", "服务窗口"), who="young",
                  description="35周岁以下、岗位技能突出的青年员工。"),
        AwardKind("qingnian-wenminghao", "青年文明号", "unit", 0.6, ("班组", "服务窗口", "基层队"),
                  description="青年职工占多数、服务优质、管理规范的集体。")),
        (("申报阶段", "各单位团组织推荐申报。"), ("评审阶段", "团委组织评审并公示。")),
        ("青年岗位能手全部为35周岁以下一线青年",),
        "引导青年员工立足岗位成长成才"),
    CampaignKind("dushu", "{scope}{year}年“书香企业”读书活动", "party", (3, 0), (11, 0), (
        AwardKind("dushu-jiji-fenzi", "读书积极分子", "person", 4, order="pinyin",
                  description="读书多、分享多、带动作用明显的干部员工。"),
        AwardKind("youxiu-xuexi-biji", "优秀学习笔记", "person", 3,
                  description="学习笔记记录完整、心得体会深刻的作者。"),
        AwardKind("xuexixing-banzu", "学习型班组", "unit", 1, ("班组",),
                  description="学习制度健全、学用结合成效明显的班组。"),
        AwardKind("dushu-zhengwen", "优秀读书征文", "person", 1, levels=("一等奖", "二等奖", "三等奖"),
                  description="读书征文评选获奖作者。")),
        (("启动阶段", "发布推荐书目，各单位建立读书角。"), ("读书分享阶段", "各党支部每月组织一次读书分享。"),
         ("评选表彰阶段", "评选读书积极分子、优秀学习笔记和优秀征文。")),
        ("干部员工人均读书不少于6本", "人人撰写学习笔记"),
        "建设学习型企业"),
    CampaignKind("chuangxin", "{scope}{year}年度科技创新和合理化建议评选", "admin", (6, 0), (12, 0), (
        AwardKind("keji-jinbu", "科技进步奖", "person", 2, levels=("一等奖", "二等奖", "三等奖"), prestige=True,
                  description="在技术攻关和科技成果转化中作出贡献的主要完成人。"),
        AwardKind("helihua-jianyi", "优秀合理化建议", "person", 4,
                  description="被采纳实施、创造效益的合理化建议提出人。"),
        AwardKind("chuangxin-gongzuoshi", "先进创新工作室", "unit", 0.3, ("基层队", "班组"),
                  description="创新成果多、推广应用好的劳模和技能专家创新工作室。")),
        (("征集申报阶段", "征集科技成果和合理化建议。"), ("评审阶段", "组织专家评审，确定获奖项目。")),
        ("征集合理化建议1000条以上", "成果转化率达到80%以上"),
        "激发全员创新创效活力"),
)
ASSESSED_KINDS = (
    CampaignKind("shuangbai", "{year}年机关部室和二级单位科室“双百”考核", "hq", (1, 0), (12, 0), (
        AwardKind("kaohe-qianliu", "年度考核前六名", "unit", 0, ("部室", "科室"), order="rank",
                  from_scores="rank", description="全年月度考核平均得分前六名，按名次排列。"),
        AwardKind("xingji-bushi", "星级部室", "unit", 0, ("部室", "科室", "服务窗口"), levels=("五星", "四星", "三星"),
                  from_scores="stars", description="按全年月度考核平均得分评定的星级。"),
        AwardKind("youxiu-jiguan-ganbu", "优秀机关干部", "person", 1, ("部室", "科室", "服务窗口"),
                  description="服务基层、作风优良的机关干部。")),
        (("动员部署阶段", "印发考核标准和考评细则。"), ("月度考核阶段", "每月考核、每月通报。"),
         ("年终总结阶段", "汇总全年得分，评定星级部室。")),
        ("基层单位对机关服务满意率达到95%以上", "部室全部达到三星级以上"),
        "转变机关作风、提升服务水平", "shuangbai"),
    CampaignKind("sanji", "{year}年基层队“三基”工作考核", "admin", (1, 0), (12, 0), (
        AwardKind("sanji-qianliu", "“三基”工作前六名", "unit", 0, ("基层队",), order="rank", from_scores="rank",
                  description="全年“三基”检查平均得分前六名的基层队，按名次排列。"),
        AwardKind("sanji-xingji", "“三基”星级队", "unit", 0, ("基层队",), levels=("五星", "四星", "三星"),
                  from_scores="stars", description="按全年平均得分评定的星级。"),
        AwardKind("gangwei-nengshou", "岗位能手", "person", 1, ("班组", "基层队"),
                  description="岗位练兵成绩突出的一线操作员工。")),
        (("宣传发动阶段", "召开动员大会，层层签订目标责任书。"), ("检查考核阶段", "每月检查考核，通报前六名。"),
         ("总结评比阶段", "评定星级基层队，表彰先进。")),
        ("“三基”工作全面达标", "星级基层队达到80%以上"),
        "夯实基层建设、基础工作、基本功训练", "sanji"),
    CampaignKind("banzu-biaozhunhua", "{year}年班组标准化建设考核", "admin", (1, 0), (12, 0), (
        AwardKind("banzu-qianshi", "标准化班组前十名", "unit", 0, ("班组",), order="rank", from_scores="rank",
                  description="全年考核平均得分前十名的班组，按名次排列。"),
        AwardKind("biaozhunhua-banzu", "标准化班组", "unit", 0, ("班组",), levels=("五星", "四星", "三星"),
                  from_scores="stars", description="按全年平均得分评定的星级标准化班组。"),
        AwardKind("youxiu-banzhang", "优秀班组长", "person", 1, ("班组",), who="leader",
                  description="班组管理成绩突出的班组长。")),
        (("对标启动阶段", "发布班组标准化建设标准。"), ("月度考核阶段", "每月考核，按单位排名。"),
         ("验收命名阶段", "年终验收，命名标准化班组。")),
        ("班组标准化达标率100%", "五星级标准化班组不少于10个"),
        "推进班组标准化建设", "banzu"),
)


@dataclass(frozen=True)
class Organiser:
    """Who runs a campaign and signs its bulletins."""

    name: str
    number_prefix: str  # 文号 before 〔year〕


def organiser_of(kind: str, scope: Unit) -> Organiser:
    short = GROUP_SHORT if scope.parent is None else scope.short_name or scope.name
    full = GROUP if scope.parent is None else scope.name
    return {"party": Organiser(f"中共{full}委员会", f"{short}党发"),
            "union": Organiser(f"{full}工会委员会", f"{short}工发"),
            "admin": Organiser(full, f"{short}发"),
            "youth": Organiser(f"共青团{full}委员会", f"{short}团发"),
            "hq": Organiser(f"中共{GROUP}机关委员会", "机关党发")}[kind]


@dataclass(eq=False)
class Award:
    """An award declared by one campaign."""

    kind: AwardKind
    quota: int | None = None
    recipients: list[Unit | Person] = field(default_factory=list)
    levels: list[str | None] = field(default_factory=list)
    ranks: list[int | None] = field(default_factory=list)
    averages: list[float | None] = field(default_factory=list)  # the year's average score, when it decided

    @property
    def id(self) -> str:
        return self.kind.slug


@dataclass(eq=False)
class Campaign:
    """A campaign as planned: its record fields, awards, honours, scores and bulletins."""

    id: str
    kind: CampaignKind
    year: int
    scope: Unit
    title: str
    organiser: Organiser
    start: tuple[int, int]
    end: tuple[int, int]
    awarded: dt.date
    awards: list[Award]
    order: str | None = None
    featured: bool = False
    months: list[Month] = field(default_factory=list)

    @property
    def scheme(self) -> Scheme | None:
        return next((s for s in SCHEMES if s.id == self.kind.scheme), None)

    def honour_count(self) -> int:
        return sum(len(a.recipients) for a in self.awards)


def campaign_years(count: int) -> list[int]:
    """Spread `count` campaigns over 2006–2025."""
    span = LAST_YEAR - FIRST_YEAR + 1
    return [FIRST_YEAR + (i * span + span // 2) // count if count < span else FIRST_YEAR + i * span // count
            for i in range(count)]


def plan_campaigns(rng: Random, counts: Counts, units: list[Unit]) -> list[Campaign]:
    """Return the campaigns, oldest first: some assessed monthly, the rest of the ordinary kinds."""
    total = counts.campaigns
    assessed = [round((k + 0.5) * total / counts.assessed_campaigns - 0.5) for k in range(counts.assessed_campaigns)]
    subs = [u for u in units if u.parent is not None and u.parent.parent is None and u.kind != "机关"]
    kinds = list(CAMPAIGN_KINDS)
    rng.shuffle(kinds)
    taken: dict[str, int] = {}  # campaign ids so far
    contests: dict[str, int] = {}  # 职业技能竞赛 held so far by each scope, for 第N届
    campaigns = []
    for index, year in enumerate(campaign_years(total)):
        if index in assessed:
            kind = ASSESSED_KINDS[assessed.index(index) % len(ASSESSED_KINDS)]
            scope = units[0]
        else:
            kind = kinds[index % len(kinds)]
            scope = rng.choice(subs) if subs and rng.random() < 0.3 else units[0]
        campaigns.append(_campaign(rng, kind, year, scope, taken, contests))
    for campaign in campaigns[-2:]:
        campaign.featured = True
    return campaigns


def _campaign(rng: Random, kind: CampaignKind, year: int, scope: Unit, taken: dict[str, int],
              contests: dict[str, int]) -> Campaign:
    scope_name = GROUP_SHORT + "公司" if scope.parent is None else scope.name
    contests[scope.id] = contests.get(scope.id, 0) + (kind.slug == "jineng")
    title = kind.title.format(scope=scope_name, year=year, n=cn_number(contests[scope.id] or 1))
    base = f"{kind.slug}-{year}" + ("" if scope.parent is None else f"-{scope.id}")
    taken[base] = taken.get(base, 0) + 1
    campaign_id = base if taken[base] == 1 else f"{base}-{taken[base]}"
    start = (year + kind.start[1], kind.start[0])
    end = (year + kind.end[1], kind.end[0])
    awarded = dt.date(end[0], end[1], rng.randint(10, 28))
    awards = [Award(a) for a in kind.awards]
    order = rng.choice((None, None, None, None, None, "pinyin", "strokes-count", "given"))
    return Campaign(campaign_id, kind, year, scope, title, organiser_of(kind.organiser, scope), start, end,
                    awarded, awards, order)


# ====================================================================================== assessments


@dataclass
class ScoreLine:
    """One unit's scores in one month."""

    unit: Unit
    items: list[tuple[str, float | None]]
    deductions: list[tuple[float, str]] = field(default_factory=list)
    bonus: float = 0.0
    bonus_reason: str = ""
    comment: str = ""

    @property
    def total(self) -> float:
        return round(sum(v for _, v in self.items if v is not None) - sum(p for p, _ in self.deductions)
                     + self.bonus, 1)


@dataclass
class Month:
    """One month's assessment of a campaign, and whether it has a 考核通报 commentary."""

    year: int
    month: int
    date: dt.date
    lines: list[ScoreLine]
    commentary: bool


def assess(rng: Random, campaign: Campaign, units: list[Unit]) -> None:
    """Give an assessed campaign a year of monthly scores for 20–40 units of the scheme's kinds."""
    scheme = campaign.scheme
    assert scheme is not None
    pool = [u for u in units if u.kind in scheme.subjects] or [u for u in units if u.parent is not None]
    subjects = sorted(rng.sample(pool, min(len(pool), rng.randint(20, 40))), key=lambda u: units.index(u))
    quality = {u.id: rng.uniform(0.84, 0.985) for u in subjects}
    for month in range(1, 13):
        next_year, next_month = add_months(campaign.year, month, 1)
        date = dt.date(next_year, next_month, rng.randint(3, 10))
        lines = [_score_line(rng, scheme, unit, quality[unit.id], month) for unit in subjects]
        campaign.months.append(Month(campaign.year, month, date, lines, commentary=month % 3 == 0))


def _score_line(rng: Random, scheme: Scheme, unit: Unit, quality: float, month: int) -> ScoreLine:
    items = []
    for item_id, _, maximum in scheme.items:
        if rng.random() < 0.01:
            items.append((item_id, None))  # not assessed this month
            continue
        step = 0.5 if maximum >= 20 else 0.1
        points = maximum * min(1.0, max(0.55, rng.gauss(quality, 0.03)))
        items.append((item_id, min(maximum, round(round(points / step) * step, 1))))
    line = ScoreLine(unit, items)
    if rng.random() < 0.12:
        for _ in range(rng.choice((1, 1, 2))):
            reason = f"{month}月{rng.randint(1, 28)}日{rng.choice(DEDUCTION_REASONS)}"
            line.deductions.append((rng.choice((0.5, 1, 1, 2)), reason))
    if rng.random() < 0.06:
        line.bonus = float(rng.randint(1, int(scheme.bonus_cap)))
        line.bonus_reason = rng.choice(BONUS_REASONS)
    if rng.random() < 0.05:
        line.comment = rng.choice(COMMENTS)
    return line


def yearly_standings(campaign: Campaign) -> list[tuple[Unit, float]]:
    """Return the assessed units by their average monthly total, best first."""
    totals: dict[str, list[float]] = {}
    units: dict[str, Unit] = {}
    for month in campaign.months:
        for line in month.lines:
            totals.setdefault(line.unit.id, []).append(line.total)
            units[line.unit.id] = line.unit
    averages = [(units[uid], round(sum(v) / len(v), 1)) for uid, v in totals.items()]
    return sorted(averages, key=lambda pair: (-pair[1], pair[0].id))


# =========================================================================================== honours


def confer_honours(rng: Random, campaigns: list[Campaign], units: list[Unit], people: list[Person],
                   total: int) -> None:
    """Confer `total` honours over the campaigns, each campaign a share, each award a share of that."""
    targets = split_evenly(total, [rng.uniform(0.4, 1.6) for _ in campaigns])
    carry = 0
    for campaign, target in zip(campaigns, targets, strict=True):
        carry += target
        carry -= _confer(rng, campaign, units, people, carry)


def _confer(rng: Random, campaign: Campaign, units: list[Unit], people: list[Person], target: int) -> int:
    """Confer about `target` honours in one campaign; return how many were conferred."""
    in_scope = set(map(id, campaign.scope.subtree()))
    scoped_units = [u for u in units if id(u) in in_scope]
    candidates = _ranked_people(rng, campaign, [p for p in people if id(p.unit) in in_scope] or people)
    fixed = [a for a in campaign.awards if a.kind.from_scores or a.kind.ranked]
    for award in fixed:
        if award.kind.from_scores:
            _from_scores(award, campaign)
        else:
            _ranked_award(award, candidates, campaign.year)
    free = [a for a in campaign.awards if a not in fixed]
    remaining = max(0, target - campaign.honour_count())
    capacity = {id(a): _capacity(a, scoped_units, candidates, campaign.year) for a in free}
    shares = _shares(remaining, free, capacity)
    for award in free:
        if award.kind.recipient == "unit":
            pool = [u for u in scoped_units if u.kind in award.kind.unit_kinds]
            award.recipients = rng.sample(pool, shares[id(award)])
        else:
            award.recipients = _take(candidates, award.kind, campaign.year, shares[id(award)])
        award.levels = _levels(award.kind.levels, len(award.recipients))
        award.ranks = [None] * len(award.recipients)
    for award in campaign.awards:
        award.quota = len(award.recipients) if award.kind.ranked or rng.random() < 0.5 else None
        for recipient in award.recipients:
            if isinstance(recipient, Person):
                recipient.honours.append(award.kind.name)
    return campaign.honour_count()


def _ranked_people(rng: Random, campaign: Campaign, pool: list[Person]) -> list[Person]:
    """People who had joined by the campaign's year, in a random order favouring the meritorious."""
    joined = [p for p in pool if p.joined[0] <= campaign.year] or pool
    return sorted(joined, key=lambda p: -math.log(rng.random() or 1e-12) / p.merit)  # exponential race


def _eligible(person: Person, award: AwardKind, year: int) -> bool:
    if award.unit_kinds and person.unit.kind not in award.unit_kinds:
        return False
    who = award.who
    if who == "female":
        return person.female
    if who == "young":
        return year - person.born[0] <= 35
    if who == "party":
        return person.party_year is not None and person.party_year <= year
    if who == "leader":
        return person.is_leader
    return True


def _take(candidates: list[Person], award: AwardKind, year: int, count: int) -> list[Person]:
    """Take the first `count` eligible candidates and move them to the end of the list, so a campaign
    names someone twice only when everyone else eligible is named already."""
    chosen = []
    for person in candidates:
        if len(chosen) >= count:
            break
        if _eligible(person, award, year):
            chosen.append(person)
    taken = set(map(id, chosen))
    candidates[:] = [p for p in candidates if id(p) not in taken] + chosen
    return chosen


def _capacity(award: Award, units: list[Unit], candidates: list[Person], year: int) -> int:
    if award.kind.recipient == "unit":
        return sum(1 for u in units if u.kind in award.kind.unit_kinds)
    return sum(1 for p in candidates if _eligible(p, award.kind, year))


def _shares(total: int, awards: list[Award], capacity: dict[int, int]) -> dict[int, int]:
    """Split `total` over the awards by weight, each at least one and none above its capacity."""
    shares = {id(a): 0 for a in awards}
    open_awards = [a for a in awards if capacity[id(a)] > 0]
    for award in open_awards[:total]:
        shares[id(award)] += 1
        total -= 1
    open_awards = [a for a in open_awards if shares[id(a)] < capacity[id(a)]]
    while total > 0 and open_awards:
        parts = split_evenly(total, [a.kind.weight for a in open_awards])
        for award, part in zip(open_awards, parts, strict=True):
            grant = min(part, capacity[id(award)] - shares[id(award)])
            shares[id(award)] += grant
            total -= grant
        open_awards = [a for a in open_awards if shares[id(a)] < capacity[id(a)]]
    return shares


def _levels(levels: tuple[str, ...], count: int) -> list[str | None]:
    """Levels for `count` recipients, fewer at the top: 1 : 2 : 3 for three levels."""
    if not levels:
        return [None] * count
    parts = split_evenly(count, list(range(1, len(levels) + 1)))
    return [level for level, part in zip(levels, parts, strict=True) for _ in range(part)]


def _ranked_award(award: Award, candidates: list[Person], year: int) -> None:
    award.recipients = _take(candidates, award.kind, year, award.kind.ranked)
    award.ranks = list(range(1, len(award.recipients) + 1))
    award.levels = [None] * len(award.recipients)


def _from_scores(award: Award, campaign: Campaign) -> None:
    """The first places, or the star levels, of the year's average scores."""
    scheme = campaign.scheme
    assert scheme is not None
    standings = yearly_standings(campaign)
    if award.kind.from_scores == "rank":
        top = standings[:scheme.top]
        award.recipients = [unit for unit, _ in top]
        award.ranks = list(range(1, len(top) + 1))
        award.levels = [None] * len(top)
        award.averages = [average for _, average in top]
        return
    starred = [(unit, next((level for level, least in scheme.stars if average >= least), None), average)
               for unit, average in standings]
    starred = [entry for entry in starred if entry[1] is not None]
    award.recipients = [unit for unit, _, _ in starred]
    award.levels = [level for _, level, _ in starred]
    award.ranks = [None] * len(starred)
    award.averages = [average for _, _, average in starred]


# ============================================================================================= texts

PERSON_DEEDS = (
    "扎根{branch}一线{n}年，熟练掌握{skills}",
    "牵头完成“{innovation}”技术革新，成果在全{scope}推广应用",
    "带领班组开展“{metric}提升”攻关，{metric}提高{p}个百分点",
    "坚持以师带徒，先后培养徒弟{n}人，其中{m}人成为技术骨干",
    "总结提炼的“{surname}师傅工作法”编入{scope}培训教材",
    "累计提出合理化建议{n}条，被采纳{m}条，创效{k}万元",
    "在抢险保供任务中连续奋战{n}天，出色完成了急难险重任务",
    "主动承担{objects}管理任务，所管{objects}各项指标保持全队前列",
    "刻苦钻研业务，在{scope}职业技能竞赛中取得第{rank}名",
    "严格执行操作规程，及时发现并消除重大隐患{m}处",
)
PERSON_RESULTS = (
    "连续{n}年实现安全生产无事故", "所在班组多次被评为先进班组", "{metric}始终保持在{p2}%以上",
    "深受员工群众信赖", "全年节约成本{k}万元", "被员工誉为“{objects}的贴心人”",
    "工作业绩得到基层单位的一致好评", "为完成全年生产经营任务作出了突出贡献",
)
UNIT_DEEDS = (
    "全面推行标准化管理，{metric}达到{p2}%", "深入开展“{slogan}”活动，形成了比学赶超的良好氛围",
    "坚持“一岗双责”，全年隐患整改率100%", "围绕{objects}管理开展技术攻关，完成革新项目{m}项",
    "推行“一次告知、限时办结”，群众满意率{p2}%", "班子团结、制度健全，“三会一课”坚持经常",
    "持续开展岗位练兵，员工持证上岗率100%",
)
UNIT_RESULTS = (
    "连续{n}年安全生产无事故", "全年超额完成生产任务", "各项指标均居{scope}前列",
    "经验做法在{scope}推广", "**连续{n}年**被评为先进集体",
)
# What the citations of particular awards speak of; the others use PERSON_DEEDS and UNIT_DEEDS.
AWARD_DEEDS = {
    "youxiu-dangyuan": (
        "担任党员责任区负责人，带领{m}名党员攻坚克难", "坚持“党员示范岗”标准，在急难险重任务中冲锋在前",
        "在{event}中主动请缨，连续奋战{n}天"),
    "youxiu-dangwu": (
        "坚持“三会一课”制度，总结的支部工作法在{scope}推广", "扎实做好发展党员和党员教育管理工作",
        "创新开展“党建+{metric}”活动，党建与生产经营深度融合"),
    "xianjin-dang-zuzhi": ("坚持“三会一课”，“{slogan}”支部品牌叫响{scope}", "推行党员积分管理，党员全部亮身份、作表率"),
    "xingji-banzu": ("班组管理制度健全、台账规范，{metric}达到{p2}%", "深入开展“{slogan}”活动，班组建设全面达标"),
    "xingji-dangzhibu": ("支部班子团结有力，“三会一课”坚持经常", "开展党员责任区活动，推动{metric}持续提升"),
    "youxiu-banzuzhang": (
        "带领班组推行“{motto}”管理，班组连续{n}个月考核第一", "坚持班前讲话、班后总结，带出了一支过硬队伍"),
    "youxiu-banzhang": (
        "带领班组推行“{motto}”管理，班组连续{n}个月考核第一", "坚持班前讲话、班后总结，带出了一支过硬队伍"),
    "wenming-danwei": (
        "开展文明礼仪和志愿服务活动{n}次，环境秩序明显改善", "深入开展“{slogan}”活动，员工文明素养明显提升"),
    "wenming-zhigong": (
        "热心公益，参加志愿服务{n}次", "文明礼仪规范，服务对象满意率{p2}%", "尊老爱幼、邻里和睦，家庭被评为文明家庭"),
    "jingsai-youshengjiang": (
        "在{scope}职业技能竞赛中理论和实操成绩均居前列", "苦练{skills}基本功，实操项目用时全场最短"),
    "jishu-nengshou": ("苦练{skills}基本功，竞赛总成绩名列前茅", "理论考试和实际操作均取得优异成绩"),
    "youxiu-zuzhi": ("组织选手集中培训{n}天，参赛选手全部获奖",),
    "anquan-xianjin-geren": ("严格执行操作规程，及时发现并消除重大隐患{m}处", "担任兼职安全员{n}年，纠正违章{m}起"),
    "anquan-xianjin-jiti": ("全面推行安全标准化，全年隐患整改率100%", "坚持“{motto}”，安全管理制度落实到每个岗位"),
    "sanba-hongqishou": (
        "扎根{branch}一线{n}年，是班组里的“{nickname}”", "带领女职工开展“巾帼建功”活动，{metric}提高{p}个百分点"),
    "jinguo-jiti": ("开展“巾帼建功”活动，女职工技术比武成绩突出", "全体女职工爱岗敬业，{metric}达到{p2}%"),
    "qingnian-nengshou": (
        "参加工作{m}年即成长为技术骨干，在青年技能比武中获第{rank}名", "领衔青年创新小组，完成“{innovation}”攻关"),
    "qingnian-wenminghao": ("青年职工占多数，开展“青年突击队”活动{n}次", "推行“{slogan}”服务承诺，{metric}达到{p2}%"),
    "dushu-jiji-fenzi": (
        "全年读书{n}本，撰写学习笔记{m}万字", "在读书分享会上作交流发言{m}次，带动身边{n}名同事参与读书"),
    "youxiu-xuexi-biji": (
        "学习笔记记录完整、联系实际紧密，全年撰写心得体会{n}篇", "学习笔记图文并茂，被推荐在{scope}展评"),
    "dushu-zhengwen": ("撰写的读书征文在{scope}内刊发表", "征文立意新颖、联系实际，获评审专家好评"),
    "xuexixing-banzu": ("建立班组读书角，人均读书{m}本", "坚持每月一次读书分享，学用结合成效明显"),
    "keji-jinbu": ("牵头完成“{innovation}”技术攻关，创效{k}万元", "主持的项目获国家专利{m}项"),
    "helihua-jianyi": ("累计提出合理化建议{n}条，被采纳{m}条，创效{k}万元", "提出的“{innovation}”建议被采纳实施"),
    "chuangxin-gongzuoshi": ("完成创新成果{n}项，获国家专利{m}项", "工作室成员攻克生产难题{n}项"),
    "youxiu-jiguan-ganbu": ("服务基层主动热情，全年深入基层调研{n}次", "负责的督办事项全部按期办结"),
    "gangwei-nengshou": ("苦练{skills}基本功，在岗位练兵中成绩优异", "参加工作{m}年即成长为岗位骨干"),
}
# How a citation whose award has words of its own ends: fitting any award.
GENERAL_RESULTS = ("起到了良好的示范带动作用", "受到干部员工的一致好评", "在{scope}形成了良好影响",
                   "为{scope}高质量发展作出了积极贡献")
NICKNAMES = ("多面手", "活字典", "领头雁", "排头兵", "铁姑娘")
SLOGANS = ("比学赶超", "岗位建功", "我为安全献一策", "提质增效", "党员先锋岗", "五型班组")
BIO_FIELD = (
    "长期扎根{branch}生产一线，熟练掌握{skills}等技能。",
    "工作中坚持“{motto}”，所管{objects}各项指标保持在全队前列。",
    "先后完成技术革新{n}项，其中“{innovation}”获{scope}技术创新奖。",
    "坚持以师带徒，先后培养徒弟{n}人，其中{m}人已成为班组骨干。",
    "爱岗敬业、吃苦耐劳，在急难险重任务面前冲锋在前，深受员工信赖。",
    "{year}年参加{event}，连续奋战{n}天，出色完成了任务。",
)
BIO_OFFICE = (
    "熟悉{skills}等业务，牵头修订管理制度{n}项。",
    "工作中坚持服务基层、服务员工，负责的工作多次受到上级部门表扬。",
    "积极参与“{innovation}”项目建设，项目按期投用，效果良好。",
    "撰写的调研报告获{scope}优秀调研成果{prize}。",
    "严谨细致、廉洁自律，所负责工作连续{n}年无差错。",
)
MOTTOS = ("精细管理、精心操作", "今天的工作不拖到明天", "干一行、爱一行、精一行", "安全第一、预防为主",
          "把简单的事做好就是不简单")
EVENTS = ("防汛抢险", "冬季保供", "新区产能建设会战", "装置大检修", "重点工程投产保驾", "管线抢修")
PRIZES = ("一等奖", "二等奖", "三等奖")


SLOT_VALUES: dict[str, Callable[[Random, Branch], object]] = {
    "n": lambda r, b: r.randint(3, 25), "m": lambda r, b: r.randint(2, 9), "k": lambda r, b: r.randint(5, 480),
    "p": lambda r, b: r.randint(2, 9), "p2": lambda r, b: r.randint(95, 99), "rank": lambda r, b: r.randint(1, 3),
    "year": lambda r, b: r.randint(FIRST_YEAR, LAST_YEAR), "branch": lambda r, b: _branch_word(b),
    "skills": lambda r, b: b.skills, "objects": lambda r, b: b.objects,
    "innovation": lambda r, b: r.choice(b.innovations), "metric": lambda r, b: r.choice(b.metrics),
    "slogan": lambda r, b: r.choice(SLOGANS), "motto": lambda r, b: r.choice(MOTTOS),
    "event": lambda r, b: r.choice(EVENTS), "prize": lambda r, b: r.choice(PRIZES),
    "nickname": lambda r, b: r.choice(NICKNAMES),
}


class _Slots(dict):
    """The values of a template's slots, each drawn when the template first names it."""

    def __init__(self, rng: Random, branch: Branch, given: dict[str, str]):
        super().__init__({"scope": "公司", "surname": "", **given})
        self.rng, self.branch = rng, branch

    def __missing__(self, key: str) -> object:
        value = self[key] = SLOT_VALUES[key](self.rng, self.branch)
        return value


class Writer:
    """Fills the sentence templates with plausible numbers and the unit's own words."""

    def __init__(self, rng: Random):
        self.rng = rng

    def fill(self, template: str, unit: Unit, **extra: str) -> str:
        """Fill a template's slots ({n}, {metric} …), drawing only the values it names."""
        return template.format_map(_Slots(self.rng, unit.branch, extra))

    def citation(self, recipient: Unit | Person, award: AwardKind, average: float | None = None) -> str:
        """One sentence on what the recipient did, in the words of the award when it has its own."""
        if isinstance(recipient, Person):
            unit, deeds, results, surname = recipient.unit, PERSON_DEEDS, PERSON_RESULTS, recipient.name.surname
        else:
            unit, deeds, results, surname = recipient, UNIT_DEEDS, UNIT_RESULTS, ""
        if award.slug in AWARD_DEEDS:
            deeds, results = AWARD_DEEDS[award.slug], GENERAL_RESULTS
        if average is not None:
            deed = f"全年平均得分{number(average)}分"
        else:
            deed = self.fill(self.rng.choice(deeds), unit, surname=surname)
        return f"{deed}，{self.fill(self.rng.choice(results), unit)}。"

    def biography(self, person: Person) -> str:
        r = self.rng
        name = person.name
        party = f"中共党员（{person.party_year}年入党），" if person.party_year else ""
        intro = (f"{name.text}，{'女' if person.female else '男'}，{name.ethnicity or '汉族'}，{person.born[0]}年"
                 f"{person.born[1]}月出生，{party}{person.education}学历，{person.joined[0]}年{person.joined[1]}月"
                 f"参加工作，现任{_full_name(person.unit)}{person.position}。")
        pool = BIO_OFFICE if person.unit.branch is OFFICE else BIO_FIELD
        sentences = [self.fill(s, person.unit) for s in r.sample(pool, r.randint(1, 3))]
        if person.honours:
            named = "、".join(dict.fromkeys(person.honours[:3]))
            sentences.append(f"先后获得{named}等荣誉。")
        return intro + "".join(sentences)

    def unit_description(self, unit: Unit) -> str:
        staff = unit.headcount()
        party = sum(1 for u in unit.subtree() for p in u.members if p.party_year)
        first = f"{unit.name}现有员工{staff}人，其中党员{party}人。"
        if unit.parent is None:
            subs = sum(1 for u in unit.children if u.kind != "机关")
            return (f"{unit.name}是以油气勘探开发为主业，集炼化、工程技术、物资供应和生活服务于一体的综合性能源企业，"
                    f"下设{subs}个二级单位。\n\n集团公司党委坚持以党建引领企业发展，长期开展劳动模范评选、"
                    "星级班组创建、职业技能竞赛等创建评比活动，形成了比学赶超、争创一流的良好氛围。")
        if unit.kind == "机关":
            return first + "机关党委负责机关党的建设、精神文明建设和群团工作，每月开展部室考核。"
        if unit.kind in ("班组", "基层队", "采油厂", "二级单位"):
            second = f"主要承担{unit.branch.objects}管理和{unit.branch.skills}等工作，{self.rng.choice(UNIT_RESULTS)}。"
            return first + self.fill(second, unit)
        if unit.kind == "党支部":
            return first + "支部坚持“三会一课”、主题党日和谈心谈话制度，推动党建工作与业务工作深度融合。"
        return first + self.fill("负责{skills}等工作，{metric}保持在{p2}%以上。", unit)


def _full_name(unit: Unit) -> str:
    """The unit's name as a document gives it: with its 二级单位 in front unless it says so already."""
    top = unit.top
    if unit.parent is None or top is unit or top.kind == "机关" or unit.name.startswith(top.short_name or top.name):
        return unit.name
    return (top.short_name or top.name) + unit.name


def _branch_word(branch: Branch) -> str:
    return {"oil": "采油", "refinery": "炼化", "drilling": "钻井", "supply": "物资供应", "pipeline": "油气储运",
            "service": "生活服务", "workover": "井下作业", "research": "科研", "it": "信息化"}.get(branch.key, "机关")


# ========================================================================================= bulletins


@dataclass
class Bulletin:
    """A bulletin of a campaign."""

    id: str
    campaign: Campaign
    kind: str  # 通知, 通报, 简报, 表彰决定
    date: dt.date
    title: str
    body: str
    number: str = ""


BULLETIN_SLUGS = {"表彰决定": "jueding", "通知": "tongzhi", "通报": "tongbao", "简报": "jianbao"}


def plan_bulletins(rng: Random, campaigns: list[Campaign], total: int) -> list[Bulletin]:
    """Return `total` bulletins: every campaign's 表彰决定 first, then 通知, then 通报 and 简报 in turn."""
    rounds = ("表彰决定", "通知", "通报", "简报", "通报", "简报", "通报")
    wanted: list[tuple[Campaign, str]] = []
    for kind in itertools.chain(rounds, itertools.cycle(("通报", "简报")) if campaigns else ()):
        for campaign in campaigns:
            if len(wanted) == total:
                break
            wanted.append((campaign, kind))
        if len(wanted) == total:
            break
    made: dict[str, int] = {}
    bulletins = []
    for campaign, kind in wanted:
        made[campaign.id + kind] = made.get(campaign.id + kind, 0) + 1
        bulletins.append(_bulletin(rng, campaign, kind, made[campaign.id + kind]))
    _number(bulletins)
    return bulletins


def _bulletin(rng: Random, campaign: Campaign, kind: str, nth: int) -> Bulletin:
    suffix = "" if nth == 1 else f"-{nth}"
    bulletin_id = f"{campaign.id}-{BULLETIN_SLUGS[kind]}{suffix}"
    short_title = campaign.title
    if kind == "表彰决定":
        title = f"关于表彰{short_title}先进集体和先进个人的决定"
        return Bulletin(bulletin_id, campaign, kind, campaign.awarded, title, _decision_body(rng, campaign))
    if kind == "通知":
        date = dt.date(campaign.start[0], campaign.start[1], rng.randint(1, 20))
        return Bulletin(bulletin_id, campaign, kind, date, f"关于开展{short_title}的通知", _notice_body(campaign))
    span = (campaign.end[0] * 12 + campaign.end[1]) - (campaign.start[0] * 12 + campaign.start[1])
    year, month = add_months(*campaign.start, rng.randint(0, max(0, span - 1)))
    date = dt.date(year, month, rng.randint(1, 28))
    if kind == "简报":
        title = f"{short_title}简报：{_headline(rng, campaign)}"  # the issue is added by _number
        return Bulletin(bulletin_id, campaign, kind, date, title, _brief_body(rng, campaign))
    title = f"关于{month}月份{short_title}推进情况的通报"
    return Bulletin(bulletin_id, campaign, kind, date, title, _progress_body(rng, campaign, month))


def _number(bulletins: list[Bulletin]) -> None:
    """Give each bulletin a document number, in date order per issuer and year; 简报 are numbered by issue."""
    counters: dict[tuple[str, int], int] = {}
    issues: dict[str, int] = {}
    for bulletin in sorted(bulletins, key=lambda b: (b.date, b.id)):
        if bulletin.kind == "简报":
            issue = issues[bulletin.campaign.id] = issues.get(bulletin.campaign.id, 0) + 1
            bulletin.number = f"第{issue}期"
            bulletin.title = bulletin.title.replace("简报：", f"简报（第{issue}期）：", 1)
            continue
        prefix = bulletin.campaign.organiser.number_prefix
        key = (prefix, bulletin.date.year)
        counters[key] = counters.get(key, 0) + 1
        bulletin.number = f"{prefix}〔{bulletin.date.year}〕{counters[key] * 3 - 1}号"


def shortcode(campaign: Campaign, award: Award | None = None) -> str:
    """The line that embeds a campaign's honour list (one award's, or all) in a bulletin."""
    chosen = f' award="{award.id}"' if award else ""
    return f'{{{{< honours campaign="{campaign.id}"{chosen} >}}}}'


def _honour_phrase(award: Award) -> str:
    count = len(award.recipients)
    if count == 0:
        return ""
    first = award.recipients[0]
    if isinstance(first, Person):
        return f"授予{first.name.text}等{count}名同志“{award.kind.name}”称号"
    return f"授予{first.name}等{count}个集体“{award.kind.name}”称号"


def _decision_body(rng: Random, campaign: Campaign) -> str:
    awards = [a for a in campaign.awards if a.recipients]
    intro = (f"{campaign.year}年，{campaign.scope.name}广大干部员工围绕中心工作，{campaign.kind.theme}，"
             f"涌现出一批先进集体和先进个人。")
    parts = [intro, "", f"为表彰先进、树立典型，经基层推荐、审核评定并公示，{campaign.organiser.name}决定：", ""]
    if len(awards) > 3 and rng.random() < 0.3:
        parts += ["；".join(_honour_phrase(a) for a in awards) + "。", "",
                  shortcode(campaign), ""]
    else:
        for place, award in enumerate(awards, start=1):
            parts += [f"{cn_number(place)}、{_honour_phrase(award)}。", "", shortcode(campaign, award), ""]
    parts.append("希望受到表彰的集体和个人珍惜荣誉、再接再厉。广大干部员工要以先进为榜样，"
                 "立足岗位、争创一流，为完成全年各项任务目标作出新的更大贡献。")
    return "\n".join(parts) + "\n"


def _notice_body(campaign: Campaign) -> str:
    lines = [f"为{campaign.kind.theme}，经研究，决定开展{campaign.title}。现将有关事项通知如下。", "",
             "### 一、时间安排", ""]
    for number, phase in enumerate(campaign_phases(campaign), start=1):
        lines.append(f"{number}. {phase[0]}（{phase[1]}起）：{phase[3]}")
    lines += ["", "### 二、评选项目", ""]
    lines += [f"- {a.kind.name}：{a.kind.description}" for a in campaign.awards]
    lines += ["", "### 三、工作要求", "",
              "各单位要高度重视，明确专人负责，严格评选标准和程序，确保评选结果公开、公平、公正。", ""]
    return "\n".join(lines)


def _headline(rng: Random, campaign: Campaign) -> str:
    return rng.choice(("基层单位掀起比学赶超热潮", "岗位练兵热潮涌动", "典型经验交流会召开", "领导小组深入基层督导检查",
                      "先进事迹报告会巡回宣讲", f"{campaign.scope.short_name or '各单位'}创新做法见实效"))


def _brief_body(rng: Random, campaign: Campaign) -> str:
    teams = [u for u in campaign.scope.subtree() if u.kind in ("基层队", "班组")][:3]
    named = "、".join(u.name for u in teams) or campaign.scope.name
    return (f"{campaign.title}开展以来，各单位认真落实活动安排，{campaign.kind.theme}的氛围日益浓厚。\n\n"
            f"{named}等单位结合实际创新工作方法，开展岗位练兵{rng.randint(10, 60)}场次，"
            f"参与员工{rng.randint(200, 3000)}人次，收集合理化建议{rng.randint(20, 300)}条。\n\n"
            "下一步，活动领导小组办公室将及时总结推广好经验、好做法，推动活动向纵深发展。\n")


def _progress_body(rng: Random, campaign: Campaign, month: int) -> str:
    before, now = rng.randint(85, 92), rng.randint(88, 96)
    trend = "提高" if now >= before else "下降"
    lines = [(f"按照{campaign.title}安排，活动领导小组办公室对各单位{month}月份工作推进情况进行了检查。"
              "现将有关情况通报如下。"), "", "一、总体情况", "",
             f"各单位工作推进有序，检查平均得分{now}分，较上月{trend}{abs(now - before)}分。", "",
             "|   | 上月 | 本月 |", "| --- | --- | --- |",
             f"| 平均得分 | {before} | {now} |", f"| 参与单位（个） | {rng.randint(20, 60)} | {rng.randint(20, 60)} |",
             "", "二、存在的问题", "", "个别单位台账资料不够规范，少数员工对活动要求掌握不牢。", ""]
    ranked = next((a for a in campaign.awards if a.kind.order == "rank" and a.recipients), None)
    if ranked is not None and rng.random() < 0.5:
        lines += [f"三、{ranked.kind.name}", "", shortcode(campaign, ranked), ""]
    lines.append("特此通报。")
    return "\n".join(lines) + "\n"


def campaign_phases(campaign: Campaign) -> list[tuple[str, str, str | None, str]]:
    """Return (name, start, end, summary) of the phases, spread evenly over the campaign's months.

    A phase that starts in the month the previous one ends starts 中旬 after it ends 上旬, as plans write it.
    """
    phases = campaign.kind.phases
    first = campaign.start[0] * 12 + campaign.start[1] - 1
    span = campaign.end[0] * 12 + campaign.end[1] - 1 - first
    begins = [first + span * i // len(phases) for i in range(len(phases))]

    def shares_month(i: int) -> bool:  # does phase i start in the month phase i - 1 ends?
        return begins[i] == begins[i - 1] or i % 2 == 1

    found = []
    for index, (name, summary) in enumerate(phases):
        start = _month(begins[index]) + (" 中旬" if index and shares_month(index) else "")
        end = None
        if index + 1 < len(phases):
            following = begins[index + 1]
            end = _month(following) + " 上旬" if shares_month(index + 1) else _month(following - 1)
        found.append((name, start, end, summary))
    return found


def _month(months: int) -> str:
    """Return a count of months since year 0 as 2024-03."""
    return f"{months // 12}-{months % 12 + 1:02d}"


# ============================================================================================ photos

PORTRAIT_BASE = (1200, 1600)
GROUP_BASE = (1600, 1200)
PORTRAIT_BASES = 16
GROUP_BASES = 6
BACKGROUNDS = (((78, 150, 222), (52, 122, 201)), ((214, 30, 38), (186, 14, 26)), ((250, 250, 250), (226, 230, 236)))
SKIN = ((241, 204, 176), (234, 192, 160), (226, 181, 148), (214, 168, 134), (204, 156, 122))
HAIR = ((24, 22, 24), (46, 36, 30), (96, 92, 92), (58, 46, 38))
CLOTHES = ((28, 34, 52), (36, 38, 44), (196, 38, 40), (44, 52, 72), (40, 80, 150), (236, 226, 214))

_bases: dict[tuple[str, int], Image.Image] = {}


@dataclass(frozen=True)
class PhotoJob:
    """One photo to write: which base drawing, the output size and the seed of its variation."""

    path: str
    role: str  # portrait or group
    base: int
    size: tuple[int, int]
    seed: str


def _gradient(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


@cache
def _noise(size: tuple[int, int]) -> Image.Image:
    """Sensor-like grain, drawn once per size (Pillow's noise is the slowest step of a base)."""
    return Image.effect_noise(size, 2).convert("RGB")


def _grain(rng: Random, image: Image.Image) -> Image.Image:
    """Add the grain, shifted by a random offset so every base has its own."""
    shifted = ImageChops.offset(_noise(image.size), rng.randrange(image.width), rng.randrange(image.height))
    return ImageChops.add(image, shifted, 1.0, -128)


def _portrait_base(rng: Random, long_hair: bool) -> Image.Image:
    """An ID-photo style portrait: gradient backdrop, shoulders, neck, head, hair; drawn small, then grown."""
    w, h = 300, 400
    top, bottom = BACKGROUNDS[rng.randrange(len(BACKGROUNDS))]
    image = _gradient((w, h), top, bottom)
    draw = ImageDraw.Draw(image)
    skin, hair, clothes = rng.choice(SKIN), rng.choice(HAIR), rng.choice(CLOTHES)
    cx = w // 2 + rng.randint(-8, 8)
    head_w, head_h = rng.randint(88, 108), rng.randint(118, 136)
    head_top = rng.randint(70, 95)
    chin = head_top + head_h
    shoulders = chin + rng.randint(14, 28)
    if long_hair:  # down to the shoulders
        draw.rounded_rectangle((cx - head_w // 2 - 8, head_top + 10, cx + head_w // 2 + 8, shoulders + 20), 30,
                               fill=hair)
    draw.rectangle((cx - 20, chin - 20, cx + 20, shoulders + 20), fill=skin)
    draw.ellipse((cx - 135, shoulders, cx + 135, shoulders + 280), fill=clothes)
    draw.polygon([(cx - 28, shoulders + 2), (cx, shoulders + 45), (cx + 28, shoulders + 2)], fill=(245, 245, 245))
    draw.ellipse((cx - head_w // 2 - 4, head_top - 14, cx + head_w // 2 + 4, head_top + head_h // 2 + 10), fill=hair)
    draw.ellipse((cx - head_w // 2, head_top, cx + head_w // 2, chin), fill=skin)
    eye_y = head_top + head_h * 45 // 100
    for dx in (-head_w // 5, head_w // 5):
        draw.ellipse((cx + dx - 6, eye_y - 3, cx + dx + 6, eye_y + 3), fill=(40, 30, 30))
    draw.arc((cx - 14, head_top + head_h * 68 // 100, cx + 14, head_top + head_h * 80 // 100), 20, 160,
             fill=(150, 70, 70), width=3)
    image = image.filter(ImageFilter.GaussianBlur(1.2)).resize(PORTRAIT_BASE, Image.Resampling.BICUBIC)
    return _grain(rng, image)


def _group_base(rng: Random) -> Image.Image:
    """A team photo in front of a building: sky, building with windows, two rows of people."""
    w, h = 400, 300
    image = _gradient((w, h), (150, 190, 230), (220, 230, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 40, 380, 210), fill=rng.choice(((200, 190, 170), (180, 180, 185), (210, 200, 190))))
    for x in range(35, 370, 30):
        for y in range(55, 190, 32):
            draw.rectangle((x, y, x + 16, y + 18), fill=(90, 120, 150))
    draw.rectangle((0, 210, w, h), fill=(120, 120, 115))
    clothes = rng.choice(((196, 38, 40), (40, 80, 150), (230, 120, 30), (28, 34, 52)))
    for row, (y, count) in enumerate(((190, 9), (215, 8))):
        for i in range(count):
            x = 40 + i * (320 // count) + row * 18 + rng.randint(-3, 3)
            draw.rounded_rectangle((x - 14, y + 10, x + 14, y + 70), 8, fill=clothes)
            draw.ellipse((x - 8, y - 10, x + 8, y + 10), fill=rng.choice(SKIN))
            draw.pieslice((x - 9, y - 12, x + 9, y + 4), 180, 360, fill=rng.choice(HAIR))
    image = image.filter(ImageFilter.GaussianBlur(0.8)).resize(GROUP_BASE, Image.Resampling.BICUBIC)
    return _grain(rng, image)


def _base(seed: int, role: str, index: int) -> Image.Image:
    key = (role, index)
    if key not in _bases:
        rng = rng_for(seed, f"photo-base:{role}:{index}")
        _bases[key] = _portrait_base(rng, index % 2 == 1) if role == "portrait" else _group_base(rng)
    return _bases[key]


def prepare_bases(seed: int) -> None:
    """Draw every base image once (before the pool forks, so the workers share them)."""
    for index in range(PORTRAIT_BASES):
        _base(seed, "portrait", index)
    for index in range(GROUP_BASES):
        _base(seed, "group", index)


def render_photo(job: PhotoJob, seed: int) -> int:
    """Write one photo: a slightly cropped, resized and tinted copy of a base; return its size in bytes."""
    rng = Random(job.seed)
    base = _base(seed, job.role, job.base)
    bw, bh = base.size
    box = (rng.randint(0, bw // 25), rng.randint(0, bh // 40),
           bw - rng.randint(0, bw // 25), bh - rng.randint(0, bh // 25))
    # Nearest-neighbour: the bases are smooth drawings plus grain, and it is 20× faster than bilinear.
    image = base.crop(box).resize(job.size, Image.Resampling.NEAREST)
    lut: list[int] = []
    for _ in range(3):
        gain, offset = rng.uniform(0.9, 1.1), rng.randint(-10, 10)
        lut.extend(min(255, max(0, round(v * gain + offset))) for v in range(256))
    data = io.BytesIO()
    image.point(lut).save(data, "JPEG", quality=rng.randint(80, 90))
    Path(job.path).write_bytes(data.getvalue())
    return data.tell()


def _render_many(jobs: list[PhotoJob], seed: int) -> int:
    return sum(render_photo(job, seed) for job in jobs)


def make_photos(jobs: list[PhotoJob], seed: int) -> int:
    """Write every photo, across the machine's cores when there are many; return the bytes written."""
    if not jobs:
        return 0
    workers = min(os.cpu_count() or 1, 8)
    if workers == 1 or len(jobs) < 40:
        return _render_many(jobs, seed)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if "fork" in methods:
        prepare_bases(seed)
    chunks = [jobs[i::workers * 4] for i in range(workers * 4)]
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return sum(pool.map(_render_many, chunks, itertools.repeat(seed)))


def plan_photos(rng: Random, count: int, units: list[Unit], people: list[Person],
                content: Path) -> list[PhotoJob]:
    """Choose who has a photo (the most honoured people first; teams and windows for units) and its size."""
    photogenic = [u for u in units if u.kind in ("基层队", "班组", "服务窗口", "采油厂", "二级单位", "集团公司")]
    unit_count = min(len(photogenic), round(count * 0.06))
    person_count = min(len(people), count - unit_count)
    unit_count = min(len(photogenic), count - person_count)
    jobs = []
    for unit in rng.sample(photogenic, unit_count):
        width = rng.choice((1200, 1280, 1400, 1500, 1600))
        height = width * 2 // 3 if rng.random() < 0.5 else width * 3 // 4
        unit.photo = f"{unit.id}.jpg"
        folder = content / "units" / unit.folder
        jobs.append(PhotoJob(str(folder / unit.photo), "group", rng.randrange(GROUP_BASES), (width, height),
                             f"{rng.random()}"))
    ranked = sorted(people, key=lambda p: (-len(p.honours), rng.random()))
    for person in ranked[:person_count]:
        width = rng.choice((600, 660, 720, 750, 810, 900, 960, 1050, 1080, 1200))
        person.photo = f"{person.id}.jpg"
        if rng.random() < 0.1:
            person.focus = (0.5, round(rng.uniform(0.33, 0.4), 2))
        long_hair = person.female and rng.random() < 0.8
        base = 2 * rng.randrange(PORTRAIT_BASES // 2) + int(long_hair)  # the odd bases have long hair
        jobs.append(PhotoJob(str(content / "people" / person.photo), "portrait", base,
                             (width, width * 4 // 3), f"{rng.random()}"))
    return jobs


# ============================================================================================ writing


def front_matter(fields: Iterable[tuple[str, str | None]], body: str) -> str:
    """Return a Markdown record: the fields (already YAML values; None left out) and the body."""
    lines = ["---"] + [f"{key}: {value}" for key, value in fields if value is not None] + ["---"]
    return "\n".join(lines) + "\n" + body.rstrip("\n") + "\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def write_site_toml(out: Path) -> None:
    write(out / "site.toml", "\n".join((
        "# A generated benchmark site (bench/corpus.py); every key is documented in README.md.",
        f'title = "{GROUP_SHORT}光荣榜"',
        'subtitle = "先进集体 · 先进个人 · 表彰通报"',
        f'organisation = "{GROUP}党委宣传部"',
        'language = "zh-CN"',
        "home_bulletins = 8",
        "",
        "[strings]",
        'footer_generated = "本网站由党委宣传部维护，使用 honours 生成"',
        "")))


def write_unit(content: Path, unit: Unit, writer: Writer) -> None:
    folder = content / "units" / unit.folder
    fields = [("name", yaml_text(unit.name)), ("kind", unit.kind),
              ("parent", unit.parent.id if unit.parent else None),
              ("short_name", yaml_text(unit.short_name) if unit.short_name else None),
              ("weight", str(unit.weight) if unit.weight else None), ("photo", unit.photo)]
    write(folder / f"{unit.id}.md", front_matter(fields, writer.unit_description(unit)))


def write_person(content: Path, person: Person, writer: Writer) -> None:
    explicit = person.name.ethnicity or ("汉族" if person.shows_han else None)
    fields = [("name", yaml_text(person.name.text)), ("unit", person.unit.id),
              ("position", yaml_text(person.position)), ("gender", "女" if person.female else "男"),
              ("ethnicity", explicit), ("photo", person.photo),
              ("photo_focus", f"[{person.focus[0]}, {person.focus[1]}]" if person.focus else None),
              ("staff_no", f'"{person.staff_no}"'), ("phone", f'"{person.phone}"' if person.phone else None)]
    write(content / "people" / f"{person.id}.md", front_matter(fields, writer.biography(person)))


def write_schemes(content: Path) -> None:
    for scheme in SCHEMES:
        lines = [f"name: {scheme.name}", "subject: unit", "categories:"]
        for category, items in scheme.categories:
            lines += [f"  - name: {category}", "    items:"]
            lines += [f"      - {{id: {i}, name: {n}, max: {number(m)}}}" for i, n, m in items]
        lines += ["deductions: true", f"bonus_cap: {number(scheme.bonus_cap)}", "stars:"]
        lines += [f"  - {{level: {level}, min: {number(least)}}}" for level, least in scheme.stars]
        lines += ["rollup: average", f"top: {scheme.top}"]
        if scheme.group_by:
            lines.append(f"group_by: {scheme.group_by}")
        write(content / "schemes" / f"{scheme.id}.yaml", "\n".join(lines) + "\n")


def write_campaign(content: Path, campaign: Campaign, writer: Writer) -> int:
    """Write the campaign's folder; return how many of its honours have a citation."""
    folder = content / "campaigns" / campaign.id
    write(folder / "index.md", campaign_record(campaign))
    honours = honours_yaml(campaign, writer)
    write(folder / "honours.yaml", honours)
    for month in campaign.months:
        write(folder / "assessments" / f"{month.year}-{month.month:02d}.yaml", assessment_yaml(month))
        if month.commentary and month.lines:
            write(folder / "assessments" / f"{month.year}-{month.month:02d}.md", commentary(campaign, month))
    return honours.count("\n  citation: ")


def _partial(year_month: tuple[int, int]) -> str:
    return f"{year_month[0]}-{year_month[1]:02d}"


def campaign_record(campaign: Campaign) -> str:
    kind = campaign.kind
    lines = ["---", f"title: {yaml_text(campaign.title)}", f"organiser: {yaml_text(campaign.organiser.name)}",
             f"start: {_partial(campaign.start)}", f"end: {_partial(campaign.end)}"]
    if campaign.start[0] != campaign.year:
        lines.append(f"year: {campaign.year}")
    if campaign.scheme:
        lines.append(f"scheme: {campaign.scheme.id}")
    if campaign.order:
        lines.append(f"order: {campaign.order}")
    summary = f"在{campaign.scope.name}范围内开展，{kind.theme}，评选表彰先进集体和先进个人。"
    lines.append(f"summary: {yaml_text(summary)}")
    if campaign.featured:
        lines.append("featured: true")
    lines.append("phases:")
    for name, start, end, summary in campaign_phases(campaign):
        lines += [f"  - name: {name}", f"    start: {start}"] + ([f"    end: {end}"] if end else [])
        lines.append(f"    summary: {yaml_text(summary)}")
    lines.append("goals:")
    lines += [f"  - {yaml_text(goal)}" for goal in kind.goals]
    lines.append("awards:")
    for award in campaign.awards:
        lines += [f"  - id: {award.id}", f"    name: {yaml_text(award.kind.name)}",
                  f"    recipient: {award.kind.recipient}"]
        if award.kind.levels:
            lines.append(f"    levels: [{', '.join(award.kind.levels)}]")
        if award.kind.order:
            lines.append(f"    order: {award.kind.order}")
        if award.quota:
            lines.append(f"    quota: {award.quota}")
        lines.append(f"    description: {yaml_text(award.kind.description)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + campaign_body(campaign)


def campaign_body(campaign: Campaign) -> str:
    kind = campaign.kind
    rows = "\n".join(f"| {a.kind.name} | {'集体' if a.kind.recipient == 'unit' else '个人'} | "
                     f"{'、'.join(a.kind.levels) or '—'} |" for a in campaign.awards)
    scores = (f"\n## 考核办法\n\n按照《{campaign.scheme.name}》每月考核、每月通报，全年平均得分作为评先依据。\n"
              if campaign.scheme else "")
    background = f"为{kind.theme}，{campaign.organiser.name}决定在{campaign.scope.name}开展{campaign.title}。"
    return (f"## 活动背景\n\n{background}\n\n"
            f"## 评选项目\n\n| 项目 | 对象 | 等级 |\n| --- | --- | --- |\n{rows}\n{scores}\n"
            "## 组织领导\n\n成立活动领导小组，办公室设在党委宣传部，负责日常组织、检查和通报。"
            "各单位主要负责人为第一责任人。\n")


def honours_yaml(campaign: Campaign, writer: Writer) -> str:
    """The campaign's honours: prestigious and ranked ones one by one with citations, the rest in lists."""
    date = campaign.awarded.isoformat()
    lines = [f"# {campaign.title} 荣誉名单", ""]
    for award in campaign.awards:
        if not award.recipients:
            continue
        lines.append(f"# —— {award.kind.name} ——")
        groups: dict[str | None, list[int]] = {}
        for index, level in enumerate(award.levels):
            groups.setdefault(level, []).append(index)
        for level, indexes in groups.items():
            singles = len(indexes) if (award.kind.prestige or award.ranks[indexes[0]]) else max(1, len(indexes) // 10)
            for index in indexes[:singles]:
                lines += _honour_entry(award, index, level, date, writer)
            rest = indexes[singles:]
            for start in range(0, len(rest), 30):
                lines += _honour_list(award, rest[start:start + 30], level, date)
        lines.append("")
    return "\n".join(lines)


def _recipient_key(recipient: Unit | Person) -> str:
    return "person" if isinstance(recipient, Person) else "unit"


def _honour_entry(award: Award, index: int, level: str | None, date: str, writer: Writer) -> list[str]:
    recipient = award.recipients[index]
    lines = [f"- award: {award.id}", f"  {_recipient_key(recipient)}: {recipient.id}"]
    if level:
        lines.append(f"  level: {level}")
    if award.ranks[index]:
        lines.append(f"  rank: {award.ranks[index]}")
    lines.append(f"  date: {date}")
    if not award.ranks[index] or writer.rng.random() < 0.6:
        average = award.averages[index] if award.averages else None
        lines.append(f"  citation: {yaml_text(writer.citation(recipient, award.kind, average))}")
    return lines


def _honour_list(award: Award, indexes: list[int], level: str | None, date: str) -> list[str]:
    key = "people" if award.kind.recipient == "person" else "units"
    lines = [f"- award: {award.id}"] + ([f"  level: {level}"] if level else []) + [f"  date: {date}"]
    ids = [award.recipients[i].id for i in indexes]
    if len(ids) <= 4:
        return lines + [f"  {key}: [{', '.join(ids)}]"]
    return lines + [f"  {key}:"] + [f"    - {i}" for i in ids]


def assessment_yaml(month: Month) -> str:
    lines = [f"date: {month.date.isoformat()}", "scores:"]
    for line in month.lines:
        lines.append(f"  - unit: {line.unit.id}")
        lines += [f"    {item}: {'~' if value is None else number(value)}" for item, value in line.items]
        if line.deductions:
            lines.append("    deductions:")
            for points, reason in line.deductions:
                lines += [f"      - points: {number(points)}", f"        reason: {yaml_text(reason)}"]
        if line.bonus:
            lines += [f"    bonus: {number(line.bonus)}", f"    bonus_reason: {yaml_text(line.bonus_reason)}"]
        if line.comment:
            lines.append(f"    comment: {yaml_text(line.comment)}")
    return "\n".join(lines) + "\n"


def commentary(campaign: Campaign, month: Month) -> str:
    """The month's 考核通报: praise for the first places, criticism for every deduction."""
    ranked = sorted(month.lines, key=lambda line: (-line.total, line.unit.id))
    top = ranked[:6]
    average = sum(line.total for line in month.lines) / len(month.lines)
    scheme = campaign.scheme.name if campaign.scheme else "考核标准"
    body = [(f"按照《{scheme}》，对{len(month.lines)}个单位{month.month}月份工作进行了考核，"
             f"平均得分{average:.1f}分。现将考核情况通报如下。"),
            "", "## 表扬", "",
            "、".join(line.unit.name for line in top) + f"{len(top)}个单位考核得分位居前列，予以通报表扬。", "",
            "| 名次 | 单位 | 得分 |", "| --- | --- | --- |"]
    body += [f"| {place} | {line.unit.name} | {number(line.total)} |" for place, line in enumerate(top, start=1)]
    deducted = [(line.unit, points, reason) for line in month.lines for points, reason in line.deductions]
    if deducted:
        body += ["", "## 通报批评", ""]
        body += [f"- {unit.name}：{reason}，扣{number(points)}分。" for unit, points, reason in deducted]
    body += ["", "特此通报。"]
    document = f"{campaign.organiser.number_prefix}〔{month.date.year}〕{month.month * 2 + 30}号"
    return front_matter([("number", yaml_text(document)), ("date", month.date.isoformat())], "\n".join(body))


def write_bulletin(content: Path, bulletin: Bulletin) -> None:
    campaign = bulletin.campaign
    scope = campaign.scope
    if scope.parent is None:
        addressees = "[机关各部室, 各二级单位]"
    else:
        addressees = f"[{scope.short_name}各科室, {scope.short_name}各基层队]"
    fields = [("title", yaml_text(bulletin.title)), ("number", yaml_text(bulletin.number)),
              ("issuer", yaml_text(campaign.organiser.name)), ("date", bulletin.date.isoformat()),
              ("kind", bulletin.kind), ("addressees", addressees),
              ("cc", "[集团公司党委, 集团公司工会]" if bulletin.kind == "表彰决定" else None),
              ("campaign", campaign.id)]
    write(content / "bulletins" / f"{bulletin.id}.md", front_matter(fields, bulletin.body))


# ============================================================================================ driver


def _prepare(out: Path) -> Path:
    """Return OUT_DIR/content, emptied; refuse an OUT_DIR that holds a site this script did not write."""
    content = out / "content"
    if content.exists() or (out / "site.toml").exists():
        if not (out / MARKER).is_file():
            raise FileExistsError(f"{out} already holds a site not made by bench/corpus.py; choose a new folder")
        shutil.rmtree(content, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    write(out / MARKER, '{"complete": false}\n')  # claimed before writing, so an interrupted run can be redone
    return content


@dataclass
class Corpus:
    """Everything planned, before a file is written."""

    units: list[Unit]
    people: list[Person]
    campaigns: list[Campaign]
    bulletins: list[Bulletin]
    photos: list[PhotoJob]


def plan(seed: int, counts: Counts, content: Path) -> Corpus:
    """Plan the whole site: each part from its own random stream, so changing one leaves the others."""
    units = build_units(counts.units)
    people = build_people(rng_for(seed, "people"), counts.people, units)
    campaigns = plan_campaigns(rng_for(seed, "campaigns"), counts, units)
    for campaign in campaigns:
        if campaign.scheme:
            assess(rng_for(seed, f"scores:{campaign.id}"), campaign, units)
    confer_honours(rng_for(seed, "honours"), campaigns, units, people, counts.honours)
    bulletins = plan_bulletins(rng_for(seed, "bulletins"), campaigns, counts.bulletins)
    photos = plan_photos(rng_for(seed, "photos"), counts.photos, units, people, content)
    return Corpus(units, people, campaigns, bulletins, photos)


def write_records(out: Path, content: Path, corpus: Corpus, writer: Writer) -> int:
    """Write site.toml and every record; return how many honours have a citation."""
    write_site_toml(out)
    write_schemes(content)
    for unit in corpus.units:
        write_unit(content, unit, writer)
    for person in corpus.people:
        write_person(content, person, writer)
    citations = sum(write_campaign(content, campaign, writer) for campaign in corpus.campaigns)
    for bulletin in corpus.bulletins:
        write_bulletin(content, bulletin)
    return citations


def generate(out: Path, seed: int = 1, scale: float = 1.0, photos: int | None = None) -> dict[str, int | float]:
    """Write a corpus into `out` (site.toml + content/) and return what it holds, with the time taken.

    Raises FileExistsError if `out` holds a site that this script did not make.
    """
    started = time.perf_counter()
    out = Path(out)
    content = _prepare(out)
    corpus = plan(seed, Counts.at(scale, photos), content)
    citations = write_records(out, content, corpus, Writer(rng_for(seed, "texts")))
    records_done = time.perf_counter()
    photo_bytes = make_photos(corpus.photos, seed)
    campaigns = corpus.campaigns
    result: dict[str, int | float] = {
        "seed": seed, "scale": scale, "units": len(corpus.units), "people": len(corpus.people),
        "campaigns": len(campaigns), "honours": sum(c.honour_count() for c in campaigns),
        "honours_with_citation": citations, "bulletins": len(corpus.bulletins),
        "assessed_campaigns": sum(1 for c in campaigns if c.months),
        "assessment_files": sum(len(c.months) for c in campaigns),
        "commentaries": sum(1 for c in campaigns for m in c.months if m.commentary and m.lines),
        "photos": len(corpus.photos), "photo_bytes": photo_bytes,
    }
    write(out / MARKER, json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    result["seconds_records"] = round(records_done - started, 2)
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="the site folder to write (site.toml + content/)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1); same seed, same bytes")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 10,000 people, 20,000 honours (default)")
    parser.add_argument("--photos", type=int, default=None, help="number of photos (default 2,000 × scale)")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    try:
        result = generate(args.out, args.seed, args.scale, args.photos)
    except FileExistsError as exc:
        parser.error(str(exc))
    width = max(map(len, result))
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
