"""Tests of the places package: КАТО coverage, ids, parents, seed spellings, reproducibility."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ashyq.places import Gazetteer, normalize_place_name
from ashyq.text import squash, undo_letter_spacing

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "datasets" / "places"
CSV = PKG / "data" / "places.csv"
SOURCES = PKG / "sources"
SEEDS = ROOT / "datasets"  # seeds are looked up in every package's sources/ (see _seed_lines)
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KINDS = {"region", "city", "district", "town"}
FIELDS = [
    "place_id", "kind", "parent_id", "kato", "name_kk", "name_ru", "name_en", "aliases",
    "valid_from", "valid_to", "former_parent_id", "parent_changed_on", "source", "notes",
]

S000 = "000_eeaaafaba07ad180.txt"
S001 = "001_df27ee51c94b55b4.txt"
S002 = "002_a027c9cde0549b16.txt"
S003 = "003_52e0a97e0fa1a589.txt"
S004 = "004_4b093d6ae716832a.txt"

# Every place spelling of the five seed documents:
# (seed, line of the name, printed name, line of the region, printed region, kind, place_id).
# The region is the one the document gives for the place (the document's own region for
# 000-003; the region column of the 2017 rating for 004). Kind is what the row is (the rating
# tells city and district tables apart; 003's "of which" rows are towns).
WKO = "Батыс Қазақстан облысы"
ZH = "Жамбыл облысы"
SEED_SPELLINGS: list[tuple[str, int, str, int | None, str, str, str]] = [
    # seed 000: the 13 district/city headings
    (S000, 52, "Ақжайық ауданы", 2, WKO, "district", "akzhaiyk"),
    (S000, 110, "Бөкей ордасы ауданы", 2, WKO, "district", "bokeiordasy"),
    (S000, 131, "Бөрлі ауданы", 2, WKO, "district", "borli"),
    (S000, 187, "Жаңақала ауданы", 2, WKO, "district", "zhanakala"),
    (S000, 262, "Жәнібек ауданы", 2, WKO, "district", "zhanibek"),
    (S000, 313, "Бәйтерек ауданы", 2, WKO, "district", "baiterek"),
    (S000, 401, "Казталов ауданы", 2, WKO, "district", "kaztalovka"),
    (S000, 565, "Қаратөбе ауданы", 2, WKO, "district", "karatobe"),
    (S000, 591, "Сырым ауданы", 2, WKO, "district", "syrym"),
    (S000, 704, "Тасқала ауданы", 2, WKO, "district", "taskala"),
    (S000, 793, "Теректі ауданы", 2, WKO, "district", "terekti"),
    (S000, 863, "Шыңғырлау ауданы", 2, WKO, "district", "shyngyrlau"),
    (S000, 881, "Орал қаласы", 2, WKO, "city", "oral"),
    (S000, 2, WKO, None, "", "region", "west-kazakhstan-region"),
    # seed 001
    (S001, 2, "Бәйтерек ауданы", 2, WKO, "district", "baiterek"),
    (S001, 2, WKO, None, "", "region", "west-kazakhstan-region"),
    # seed 002: institutions named after their district (genitive forms)
    (S002, 2, WKO, None, "", "region", "west-kazakhstan-region"),
    (S002, 83, "Орал қаласы", 83, WKO, "city", "oral"),
    (S002, 240, "Ақжайық ауданының", 240, WKO, "district", "akzhaiyk"),
    (S002, 242, "Бөрлі ауданының", 242, WKO, "district", "borli"),
    (S002, 246, "Бәйтерек ауданының", 246, WKO, "district", "baiterek"),
    (S002, 248, "Жаңақала ауданының", 248, WKO, "district", "zhanakala"),
    (S002, 250, "Жәнібек ауданының", 250, WKO, "district", "zhanibek"),
    (S002, 252, "Қаратөбе ауданының", 252, WKO, "district", "karatobe"),
    (S002, 254, "Казталов ауданының", 254, WKO, "district", "kaztalovka"),
    (S002, 256, "Сырым ауданының", 256, WKO, "district", "syrym"),
    (S002, 258, "Теректі ауданының", 258, WKO, "district", "terekti"),
    (S002, 260, "Тасқала ауданының", 260, WKO, "district", "taskala"),
    (S002, 267, "Орал қаласының", 267, WKO, "city", "oral"),
    (S002, 668, "Бөкей ордасы ауданының", 668, WKO, "district", "bokeiordasy"),
    (S002, 744, "Шыңғырлау ауданының", 744, WKO, "district", "shyngyrlau"),
    # seed 003: Zhambyl region, 2005-2007
    (S003, 34, ZH, None, "", "region", "zhambyl-region"),
    (S003, 178, "Сарысу ауданында", 34, ZH, "district", "sarysu"),
    (S003, 298, "Қаратау қаласындағы", 34, ZH, "town", "karatau-town"),
    (S003, 346, "Байзақ", 34, ZH, "district", "baizak"),
    (S003, 348, "Жамбыл", 34, ZH, "district", "zhambyl-zhambyl"),
    (S003, 350, "Жуалы", 34, ZH, "district", "zhualy"),
    (S003, 352, "Қордай", 34, ZH, "district", "kordai"),
    (S003, 354, "Т.Рысқұлов", 34, ZH, "district", "turar-ryskulov"),
    (S003, 356, "Меркі", 34, ZH, "district", "merke"),
    (S003, 358, "Мойынқұм", 34, ZH, "district", "moiynkum"),
    (S003, 360, "Сарысу", 34, ZH, "district", "sarysu"),
    (S003, 362, "Талас", 34, ZH, "district", "talas"),
    (S003, 364, "Шу", 34, ZH, "district", "shu"),
    (S003, 366, "Тараз қаласы", 34, ZH, "city", "taraz"),
    (S003, 569, "Шу ауданында", 34, ZH, "district", "shu"),
    (S003, 779, "Тараз", 34, ZH, "city", "taraz"),
    (S003, 781, "Байзақ", 34, ZH, "district", "baizak"),
    (S003, 783, "Жамбыл", 34, ZH, "district", "zhambyl-zhambyl"),
    (S003, 787, "Жуалы", 34, ZH, "district", "zhualy"),
    (S003, 789, "Қордай", 34, ZH, "district", "kordai"),
    (S003, 791, "Т.Рысқұлов", 34, ZH, "district", "turar-ryskulov"),
    (S003, 793, "Мерке", 34, ZH, "district", "merke"),
    (S003, 795, "Мойынқұм", 34, ZH, "district", "moiynkum"),
    (S003, 797, "Сарысу", 34, ZH, "district", "sarysu"),
    (S003, 801, "Жаңатас", 34, ZH, "town", "zhanatas"),
    (S003, 805, "Талас", 34, ZH, "district", "talas"),
    (S003, 809, "Қаратау", 34, ZH, "town", "karatau-town"),
    (S003, 813, "Шу", 34, ZH, "district", "shu"),
    (S003, 816, "Шу", 34, ZH, "town", "shu-town"),
    (S003, 899, "Тараз қаласы", 34, ZH, "city", "taraz"),
    # seed 004: the 2017 rating, 39 city centres ...
    (S004, 238, "Қапшағай қ.", 240, "Алматы", "city", "konaev"),
    (S004, 242, "Қарағанды қ.", 244, "Қарағанды", "city", "karagandy"),
    (S004, 246, "Қостанай қ.", 248, "Қостанай", "city", "kostanai-city"),
    (S004, 250, "Курчатов қ.", 252, "Шығыс Қазақстан", "city", "kurchatov"),
    (S004, 254, "Саран қ.", 256, "Қарағанды", "city", "saran"),
    (S004, 258, "Қызылорда қ.", 260, "Қызылорда", "city", "kyzylorda"),
    (S004, 262, "Талдықорған қ.", 264, "Алматы", "city", "taldykorgan"),
    (S004, 266, "Сәтбаев қ.", 268, "Қарағанды", "city", "satbaev"),
    (S004, 270, "Арыс қ.", 272, "Оңтүстік Қазақстан", "city", "arys"),
    (S004, 274, "Жезқазған қ.", 276, "Қарағанды", "city", "zhezkazgan"),
    (S004, 278, "Атырау қ.", 280, "Атырау", "city", "atyrau"),
    (S004, 282, "Семей қ.", 284, "Шығыс Қазақстан", "city", "semei"),
    (S004, 286, "Түркістан қ.", 288, "Оңтүстік Қазақстан", "city", "turkistan"),
    (S004, 290, "Өскемен қ.", 292, "Шығыс Қазақстан", "city", "oskemen"),
    (S004, 294, "Теміртау қ.", 296, "Қарағанды", "city", "temirtau"),
    (S004, 298, "Балхаш қ.", 300, "Қарағанды", "city", "balkash-karaganda"),
    (S004, 302, "Ақтөбе қ.", 304, "Ақтөбе", "city", "aktobe"),
    (S004, 306, "Ақсу қ.", 308, "Павлодар", "city", "aksu-pavlodar"),
    (S004, 310, "Петропавл қ.", 312, "Солтүстік Қазақстан", "city", "petropavl"),
    (S004, 314, "Тараз қ.", 316, "Жамбыл", "city", "taraz"),
    (S004, 318, "Степногорск қ.", 320, "Ақмола", "city", "stepnogor"),
    (S004, 322, "Лисаков қ.", 324, "Қостанай", "city", "lisakov"),
    (S004, 326, "Қаражал қ.", 328, "Қарағанды", "city", "karazhal"),
    (S004, 330, "Рудный қ.", 332, "Қостанай", "city", "rudnyi"),
    (S004, 334, "Шахтинск қ.", 336, "Қарағанды", "city", "shakhtinsk"),
    (S004, 338, "Текелі қ.", 340, "Алматы", "city", "tekeli"),
    (S004, 342, "Жаңаөзен қ.", 344, "Маңғыстау", "city", "zhanaozen"),
    (S004, 346, "Алматы қ.", None, "", "city", "almaty"),
    (S004, 348, "Приозер қ.", 350, "Қарағанды", "city", "priozersk"),
    (S004, 352, "Кентау қ.", 354, "Оңтүстік Қазақстан", "city", "kentau"),
    (S004, 356, "Павлодар қ.", 358, "Павлодар", "city", "pavlodar-city"),
    (S004, 360, "Шымкент қ.", 362, "Оңтүстік Қазақстан", "city", "shymkent"),
    (S004, 364, "Көкшетау қ.", 366, "Ақмола", "city", "kokshetau"),
    (S004, 368, "Орал қ.", 370, "Батыс Қазақстан", "city", "oral"),
    (S004, 372, "Ақтау қ.", 374, "Маңғыстау", "city", "aktau"),
    (S004, 376, "Астана қ.", None, "", "city", "astana"),
    (S004, 378, "Екібастұз қ.", 380, "Павлодар", "city", "ekibastuz"),
    (S004, 382, "Арқалық қ.", 384, "Қостанай", "city", "arkalyk"),
    (S004, 386, "Риддер қ.", 388, "Шығыс Қазақстан", "city", "ridder"),
    # ... and 160 district centres
    (S004, 406, "Баянауыл", 408, "Павлодар", "district", "bayanauyl"),
    (S004, 410, "Бурабай", 412, "Ақмола", "district", "burabai"),
    (S004, 414, "Жақсы", 416, "Ақмола", "district", "zhaksy"),
    (S004, 418, "Мақтаарал", 420, "Оңтүстік Қазақстан", "district", "maktaaral"),
    (S004, 422, "Бұқар жырау", 424, "Қарағанды", "district", "bukar-zhyrau"),
    (S004, 426, "Сарыағаш", 428, "Оңтүстік Қазақстан", "district", "saryagash"),
    (S004, 430, "Қазығұрт", 432, "Оңтүстік Қазақстан", "district", "kazygurt"),
    (S004, 434, "Аршалы", 436, "Ақмола", "district", "arshaly"),
    (S004, 438, "Мамлют", 440, "Солтүстік Қазақстан", "district", "mamlyut"),
    (S004, 442, "Қобда", 444, "Ақтөбе", "district", "kobda"),
    (S004, 446, "Талғар", 448, "Алматы", "district", "talgar"),
    (S004, 450, "Қорғалжын", 452, "Ақмола", "district", "korgalzhyn"),
    (S004, 454, "Май", 456, "Павлодар", "district", "mai"),
    (S004, 458, "Көксу", 460, "Алматы", "district", "koksu"),
    (S004, 462, "Бәйдібек", 464, "Оңтүстік Қазақстан", "district", "baidibek"),
    (S004, 466, "Качиры", 468, "Павлодар", "district", "terenkol"),
    (S004, 470, "Аққайың", 472, "Солтүстік Қазақстан", "district", "akkaiyn"),
    (S004, 474, "Еңбекшілдер", 476, "Ақмола", "district", "birzhan-sal"),
    (S004, 478, "Нұра", 480, "Қарағанды", "district", "nura-karaganda"),
    (S004, 482, "Шардара", 484, "Оңтүстік Қазақстан", "district", "shardara"),
    (S004, 486, "Ойыл", 488, "Ақтөбе", "district", "oiyl"),
    (S004, 490, "Ордабасы", 492, "Оңтүстік Қазақстан", "district", "ordabasy"),
    (S004, 494, "Отырар", 496, "Оңтүстік Қазақстан", "district", "otyrar"),
    (S004, 498, "Железин", 500, "Павлодар", "district", "zhelezin"),
    (S004, 502, "Теректі", 504, "Батыс Қазақстан", "district", "terekti"),
    (S004, 506, "Балқаш", 508, "Алматы", "district", "balkash-almaty"),
    (S004, 510, "Хромтау", 512, "Ақтөбе", "district", "khromtau"),
    (S004, 514, "Мәртөк", 516, "Ақтөбе", "district", "martok"),
    (S004, 518, "Талас", 520, "Жамбылская", "district", "talas"),
    (S004, 522, "Сайрам", 524, "Оңтүстік Қазақстан", "district", "sairam"),
    (S004, 526, "Жамбыл", 528, "Солтүстік Қазақстан", "district", "zhambyl-north-kazakhstan"),
    (S004, 530, "Глубокое", 532, "Шығыс Қазақстан", "district", "glubokoe"),
    (S004, 534, "Атбасар", 536, "Ақмола", "district", "atbasar"),
    (S004, 538, "Қызылжар", 540, "Солтүстік Қазақстан", "district", "kyzylzhar"),
    (S004, 542, "Бөрлі", 544, "Батыс Қазақстан", "district", "borli"),
    (S004, 546, "Іле", 548, "Алматы", "district", "ile"),
    (S004, 550, "Қарғалы", 552, "Ақтөбе", "district", "kargaly"),
    (S004, 554, "Жарқайың", 556, "Ақмола", "district", "zharkaiyn"),
    (S004, 558, "Ақжар", 560, "Солтүстік Қазақстан", "district", "akzhar"),
    (S004, 562, "Абай", 564, "Қарағанды", "district", "abai-karaganda"),
    (S004, 588, "Целиноград", 590, "Ақмола", "district", "tselinograd"),
    (S004, 592, "Қарасай", 594, "Алматы", "district", "karasai"),
    (S004, 596, "Жуалы", 598, "Жамбыл", "district", "zhualy"),
    (S004, 600, "Қатонқарағай", 602, "Шығыс Қазақстан", "district", "katonkaragai"),
    (S004, 604, "Тасқала", 606, "Батыс Қазақстан", "district", "taskala"),
    (S004, 608, "Т. Рысқұлов", 610, "Жамбылская", "district", "turar-ryskulov"),
    (S004, 612, "Егіндікөл", 614, "Ақмола", "district", "egindikol"),
    (S004, 616, "Түлкібас", 618, "Оңтүстік Қазақстан", "district", "tulkibas"),
    (S004, 620, "Мұғалжар", 622, "Ақтөбе", "district", "mugalzhar"),
    (S004, 624, "Қостанай", 626, "Қостанай", "district", "kostanai-district"),
    (S004, 628, "Шу", 630, "Жамбыл", "district", "shu"),
    (S004, 632, "Шортанды", 634, "Ақмола", "district", "shortandy"),
    (S004, 636, "Ертіс", 638, "Павлодар", "district", "ertis"),
    (S004, 640, "Алтынсарин", 642, "Қостанай", "district", "altynsarin"),
    (S004, 644, "Ақтоғай", 646, "Павлодар", "district", "aktogai-pavlodar"),
    (S004, 648, "Бұланды", 650, "Ақмола", "district", "bulandy"),
    (S004, 652, "Ұлытау", 654, "Қарағанды", "district", "ulytau"),
    (S004, 656, "Лебяжі", 658, "Павлодар", "district", "akkuly"),
    (S004, 660, "Созақ", 662, "Оңтүстік Қазақстан", "district", "sozak"),
    (S004, 664, "Панфилов", 666, "Алматы", "district", "panfilov"),
    (S004, 668, "Исатай", 670, "Атырау", "district", "isatai"),
    (S004, 672, "Ақсу", 674, "Алматы", "district", "aksu-zhetisu"),
    (S004, 676, "Қаратал", 678, "Алматы", "district", "karatal"),
    (S004, 680, "Шарбақты", 682, "Павлодар", "district", "sharbakty"),
    (S004, 684, "Меңдіқара", 686, "Қостанай", "district", "mendikara"),
    (S004, 688, "Темір", 690, "Ақтөбе", "district", "temir"),
    (S004, 692, "Ақкөл", 694, "Ақмола", "district", "akkol"),
    (S004, 696, "Әйтеке би", 698, "Ақтөбе", "district", "aiteke-bi"),
    (S004, 700, "Қызылқоға", 702, "Атырау", "district", "kyzylkoga"),
    (S004, 704, "Қарқаралы", 706, "Қарағанды", "district", "karkaraly"),
    (S004, 708, "Сарқант", 710, "Алматы", "district", "sarkan"),
    (S004, 712, "Ырғыз", 714, "Ақтөбе", "district", "yrgyz"),
    (S004, 716, "Жаңақорған", 718, "Қызылорда", "district", "zhanakorgan"),
    (S004, 720, "Алға", 722, "Ақтөбе", "district", "alga"),
    (S004, 724, "Алакөл", 726, "Алматы", "district", "alakol"),
    (S004, 728, "Мақат", 730, "Атырау", "district", "makat"),
    (S004, 732, "Байзақ", 734, "Жамбыл", "district", "baizak"),
    (S004, 736, "Успен", 738, "Павлодар", "district", "uspen"),
    (S004, 740, "Арал", 742, "Қызылорда", "district", "aral"),
    (S004, 744, "Маңғыстау", 746, "Маңғыстау", "district", "mangystau"),
    (S004, 765, "Байғанин", 767, "Ақтөбе", "district", "baiganin"),
    (S004, 769, "Сырдария", 771, "Қызылорда", "district", "syrdariya"),
    (S004, 773, "Көкпекті", 775, "Шығыс Қазақстан", "district", "kokpekti"),
    (S004, 777, "Шал ақын", 779, "Солтүстік Қазақстан", "district", "shal-akyn"),
    (S004, 781, "Павлодар", 783, "Павлодар", "district", "pavlodar-district"),
    (S004, 785, "Есіл", 787, "Солтүстік Қазақстан", "district", "esil-north-kazakhstan"),
    (S004, 789, "Кербұлақ", 791, "Алматы", "district", "kerbulak"),
    (S004, 793, "Сарысу", 795, "Жамбыл", "district", "sarysu"),
    (S004, 797, "Махамбет", 799, "Атырау", "district", "makhambet"),
    (S004, 801, "Ерейментау", 803, "Ақмола", "district", "ereimentau"),
    (S004, 805, "Уәлиханов", 807, "Солтүстік Қазақстан", "district", "ualikhanov"),
    (S004, 809, "Федоров", 811, "Қостанай", "district", "fedorov"),
    (S004, 813, "Шалқар", 815, "Ақтөбе", "district", "shalkar"),
    (S004, 817, "Жамбыл", 819, "Жамбыл", "district", "zhambyl-zhambyl"),
    (S004, 821, "Жамбыл", 823, "Алматы", "district", "zhambyl-almaty"),
    (S004, 825, "Шыңғырлау", 827, "Батыс Қазақстан", "district", "shyngyrlau"),
    (S004, 829, "Есіл", 831, "Ақмола", "district", "esil-akmola"),
    (S004, 833, "Бесқарағай", 835, "Шығыс Қазақстан", "district", "beskaragai"),
    (S004, 837, "Жылыой", 839, "Атырауская", "district", "zhylyoi"),
    (S004, 841, "Ұйғыр", 843, "Алматы", "district", "uigyr"),
    (S004, 845, "Қарабалық", 847, "Қостанай", "district", "karabalyk"),
    (S004, 849, "Төле би", 851, "Оңтүстік Қазақстан", "district", "tole-bi"),
    (S004, 853, "Ескелді", 855, "Алматы", "district", "eskeldi"),
    (S004, 857, "Жангелдин", 859, "Қостанай", "district", "zhangeldin"),
    (S004, 861, "Астрахан", 863, "Ақмола", "district", "astrakhan"),
    (S004, 865, "Индер", 867, "Атырау", "district", "inder"),
    (S004, 869, "Шиелі", 871, "Қызылорда", "district", "shieli"),
    (S004, 873, "Ұлан", 875, "Шығыс Қазақстан", "district", "ulan"),
    (S004, 877, "Бейнеу", 879, "Маңғыстау", "district", "beineu"),
    (S004, 881, "Жаңаарқа", 883, "Қарағанды", "district", "zhanaarka"),
    (S004, 885, "Зеренді", 887, "Ақмола", "district", "zerendi"),
    (S004, 889, "Ғ. Мүсірепов", 891, "Солтүстік Қазақстан", "district", "gabit-musirepov"),
    (S004, 893, "Шет", 895, "Қарағанды", "district", "shet"),
    (S004, 897, "Жарма", 899, "Шығыс Қазақстан", "district", "zharma"),
    (S004, 901, "Райымбек", 903, "Алматинская", "district", "raiymbek"),
    (S004, 905, "Ақтоғай", 907, "Қарағанды", "district", "aktogai-karaganda"),
    (S004, 909, "Мұнайлы", 911, "Маңғыстау", "district", "munaily"),
    (S004, 913, "Еңбекшіқазақ", 915, "Алматы", "district", "enbekshikazak"),
    (S004, 917, "Қарақия", 919, "Маңғыстау", "district", "karakiya"),
    (S004, 921, "Тарбағатай", 923, "Шығыс Қазақстан", "district", "tarbagatai"),
    (S004, 942, "Жалағаш", 944, "Қызылорда", "district", "zhalagash"),
    (S004, 946, "Таран", 948, "Қостанай", "district", "beiimbet-mailin"),
    (S004, 950, "Жітіқара", 952, "Қостанай", "district", "zhitikara"),
    (S004, 954, "Сандықтау", 956, "Ақмола", "district", "sandyktau"),
    (S004, 958, "М. Жұмабаев", 960, "Солтүстік Қазақстан", "district", "magzhan-zhumabaev"),
    (S004, 962, "Осакаров", 964, "Қарағанды", "district", "osakarov"),
    (S004, 966, "Қордай", 968, "Жамбыл", "district", "kordai"),
    (S004, 970, "Бөкейордасы", 972, "Батыс Қазақстан", "district", "bokeiordasy"),
    (S004, 974, "Қамысты", 976, "Қостанай", "district", "kamysty"),
    (S004, 978, "Ұзынкөл", 980, "Қостанай", "district", "uzynkol"),
    (S004, 982, "Түпқараған", 984, "Маңғыстау", "district", "tupkaragan"),
    (S004, 986, "Сарыкөл", 988, "Қостанай", "district", "sarykol"),
    (S004, 990, "Наурызым", 992, "Қостанай", "district", "nauryzym"),
    (S004, 994, "Мерке", 996, "Жамбыл", "district", "merke"),
    (S004, 998, "Тимирязев", 1000, "Солтүстік Қазақстан", "district", "timiryazev"),
    (S004, 1002, "Айыртау", 1004, "Солтүстік Қазақстан", "district", "aiyrtau"),
    (S004, 1006, "Амангелді", 1008, "Қостанай", "district", "amangeldi"),
    (S004, 1010, "Бородулиха", 1012, "Шығыс Қазақстан", "district", "borodulikha"),
    (S004, 1014, "Шемонаиха", 1016, "Шығыс Қазақстан", "district", "shemonaikha"),
    (S004, 1018, "Жаңақала", 1020, "Батыс Қазақстан", "district", "zhanakala"),
    (S004, 1022, "Зырян", 1024, "Шығыс Қазақстан", "district", "altai"),
    (S004, 1026, "Үржар", 1028, "Шығыс Қазақстан", "district", "urzhar"),
    (S004, 1030, "Зайсан", 1032, "Шығыс Қазақстан", "district", "zaisan"),
    (S004, 1034, "Сырым", 1036, "Батыс Қазақстан", "district", "syrym"),
    (S004, 1038, "Қаратөбе", 1040, "Батыс Қазақстан", "district", "karatobe"),
    (S004, 1042, "Денисов", 1044, "Қостанай", "district", "denisov"),
    (S004, 1046, "Жәнібек", 1048, "Батыс Қазақстан", "district", "zhanibek"),
    (S004, 1050, "Аягөз", 1052, "Шығыс Қазақстан", "district", "ayagoz"),
    (S004, 1054, "Казталовка", 1056, "Батыс Қазақстан", "district", "kaztalovka"),
    (S004, 1058, "Әулиекөл", 1060, "Қостанай", "district", "auliekol"),
    (S004, 1062, "Қазалы", 1064, "Қызылорда", "district", "kazaly"),
    (S004, 1066, "Күршім", 1068, "Шығыс Қазақстан", "district", "kurshim"),
    (S004, 1070, "Зеленов", 1072, "Батыс Қазақстан", "district", "baiterek"),
    (S004, 1074, "Ақжайық", 1076, "Батыс Қазақстан", "district", "akzhaiyk"),
    (S004, 1078, "Қарасу", 1080, "Қостанай", "district", "karasu"),
    (S004, 1082, "Қармақшы", 1084, "Қызылорда", "district", "karmakshy"),
    (S004, 1086, "Тайынша", 1088, "Солтүстік Қазақстан", "district", "taiynsha"),
    (S004, 1090, "Құрманғазы", 1092, "Атырау", "district", "kurmangazy"),
    (S004, 1094, "Мойынқұм", 1096, "Жамбыл", "district", "moiynkum"),
    (S004, 1098, "Абай", 1100, "Шығыс Қазақстан", "district", "abai-abai"),
]

# The date each document speaks of: places and regions are resolved as they were then.
SEED_DATES = {S000: "2025-11-21", S001: "2022-11-30", S002: "2025-12-26",
              S003: "2005-01-01", S004: "2017-12-31"}


def _read() -> list[dict[str, str]]:
    with CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return _read()


@pytest.fixture(scope="module")
def by_id(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {r["place_id"]: r for r in rows}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_csv(CSV)


def _seed_lines(name: str) -> list[str]:
    """A seed's lines, from any package's sources/ copy, else from shared/seeds."""
    for path in sorted(SEEDS.glob(f"*/sources/{name}")) + [SHARED_SEEDS / name]:
        if path.exists():
            return path.read_text(encoding="utf-8").split("\n")
    pytest.skip(f"seed {name} not available")


# --------------------------------------------------------------------------- file format


def test_csv_conventions() -> None:
    raw = CSV.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    assert raw.endswith(b"\n") and not raw.endswith(b"\n\n")
    text = raw.decode("utf-8")
    with CSV.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        assert next(reader) == FIELDS
        for line in reader:
            assert len(line) == len(FIELDS)
            for cell in line:
                assert cell == cell.strip(), line
    assert text.count("\n") == len(_read()) + 1


def test_rerun_is_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "places.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_places.py"), "--out", str(out)],
        check=True, capture_output=True, cwd=ROOT,
    )
    assert out.read_bytes() == CSV.read_bytes()


def test_sources_are_unchanged_copies() -> None:
    shared = ROOT.parent / "shared" / "reference" / "kato"
    names = ["kato.csv", "kato_oblast_district.csv", "kato.source.json", "LICENSE-kz-tax-rates.txt"]
    for name in names:
        assert (SOURCES / name).exists(), name
        if (shared / name).exists():
            assert (SOURCES / name).read_bytes() == (shared / name).read_bytes(), name


# --------------------------------------------------------------------------- content


def test_row_counts(rows: list[dict[str, str]]) -> None:
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    # 17 current regions + South Kazakhstan (historical); 3 republican + 39 regional cities;
    # 170 districts of regions + 19 districts inside the republican cities; 3 towns
    assert kinds == {"region": 18, "city": 42, "district": 189, "town": 3}
    assert len(rows) == 252


def test_every_kato_oblast_and_district_row_is_present(by_id: dict[str, dict[str, str]]) -> None:
    by_kato = {r["kato"]: r for r in by_id.values() if r["kato"]}
    with (SOURCES / "kato_oblast_district.csv").open(encoding="utf-8", newline="") as f:
        kato = list(csv.DictReader(f))
    assert len(kato) == 229
    for k in kato:
        row = by_kato.get(k["kato"])
        assert row is not None, k
        assert (row["name_kk"], row["name_ru"]) == (k["name_kk"], k["name_ru"])
        if k["level"] == "oblast":
            assert row["parent_id"] == ""
            assert row["kind"] == ("city" if k["name_ru"].startswith("г.") else "region")
        else:
            assert row["kind"] == ("city" if "Г.А." in k["name_ru"] else "district")
            assert by_id[row["parent_id"]]["kato"] == k["parent_oblast"]


def test_city_districts_are_present(by_id: dict[str, dict[str, str]]) -> None:
    by_kato = {r["kato"]: r for r in by_id.values() if r["kato"]}
    with (SOURCES / "kato.csv").open(encoding="utf-8", newline="") as f:
        subs = [
            k for k in csv.DictReader(f)
            if k["level"] == "sub_district" and k["kato"][:2] in ("71", "75", "79")
            and k["name_kk"].endswith(" ауданы")
        ]
    assert len(subs) == 19
    for k in subs:
        row = by_kato[k["kato"]]
        assert row["kind"] == "district"
        assert by_id[row["parent_id"]]["kato"] == k["kato"][:2] + "0000000"


def test_ids_and_codes(rows: list[dict[str, str]]) -> None:
    ids = [r["place_id"] for r in rows]
    assert len(ids) == len(set(ids))
    codes = [r["kato"] for r in rows if r["kato"]]
    assert len(codes) == len(set(codes))
    for r in rows:
        assert ID_RE.match(r["place_id"]), r["place_id"]
        assert r["kind"] in KINDS
        assert r["kato"] == "" or re.fullmatch(r"[0-9]{9}", r["kato"]), r
        assert r["name_kk"] and r["name_ru"] and r["name_en"], r
        assert r["source"] in {"kato", "curated"}
        for d in ("valid_from", "valid_to", "parent_changed_on"):
            assert r[d] == "" or re.fullmatch(r"\d{4}-\d\d-\d\d", r[d]), r
        assert bool(r["former_parent_id"]) == bool(r["parent_changed_on"]), r
        if r["kind"] == "region":
            assert r["place_id"].endswith("-region")


def test_documented_ids(by_id: dict[str, dict[str, str]]) -> None:
    """The ids datasets/README.md names as examples."""
    for pid in ["west-kazakhstan-region", "zhambyl-region", "almaty-region", "astana", "almaty",
                "shymkent", "baiterek", "oral", "zhambyl-almaty", "zhambyl-zhambyl"]:
        assert pid in by_id, pid
    assert by_id["baiterek"]["kato"] == "274400000"
    assert by_id["oral"]["kato"] == "271000000"


def test_parents(by_id: dict[str, dict[str, str]]) -> None:
    for r in by_id.values():
        kind, parent = r["kind"], r["parent_id"]
        if kind == "region" or (kind == "city" and not parent):
            assert parent == ""
            continue
        assert parent in by_id, r
        pk = by_id[parent]["kind"]
        if kind == "town":
            assert pk == "district"
            assert r["kato"][:4] == by_id[parent]["kato"][:4]
        elif by_id[parent]["kind"] == "city":  # district of a republican city
            assert kind == "district" and by_id[parent]["parent_id"] == ""
        else:
            assert pk == "region"
            assert r["kato"][:2] == by_id[parent]["kato"][:2]
        if r["former_parent_id"]:
            fp = by_id[r["former_parent_id"]]
            assert fp["kind"] == "region" and fp["place_id"] != parent


def test_region_history(by_id: dict[str, dict[str, str]]) -> None:
    sko = by_id["south-kazakhstan-region"]
    assert (sko["kind"], sko["kato"], sko["valid_to"]) == ("region", "", "2018-06-19")
    assert by_id["turkistan-region"]["valid_from"] == "2018-06-19"
    for new in ("abai-region", "zhetisu-region", "ulytau-region"):
        assert by_id[new]["valid_from"] == "2022-06-08"
    moved = {r["place_id"]: r for r in by_id.values() if r["former_parent_id"]}
    for r in moved.values():
        if r["former_parent_id"] == "south-kazakhstan-region":
            assert r["parent_changed_on"] == "2018-06-19"
            assert r["parent_id"] in ("turkistan-region", "")
        else:
            assert r["parent_changed_on"] == "2022-06-08"
            assert r["parent_id"] in ("abai-region", "zhetisu-region", "ulytau-region")
    # every place of the three 2022 regions that the 2017 rating names has its 2017 region
    for pid, (former, now) in {
        "semei": ("east-kazakhstan-region", "abai-region"),
        "abai-abai": ("east-kazakhstan-region", "abai-region"),
        "taldykorgan": ("almaty-region", "zhetisu-region"),
        "sarkan": ("almaty-region", "zhetisu-region"),
        "satbaev": ("karaganda-region", "ulytau-region"),
        "ulytau": ("karaganda-region", "ulytau-region"),
        "shymkent": ("south-kazakhstan-region", ""),
    }.items():
        assert (moved[pid]["former_parent_id"], moved[pid]["parent_id"]) == (former, now)


def test_aliases_are_not_ambiguous_within_a_region(gaz: Gazetteer,
                                                   rows: list[dict[str, str]]) -> None:
    """An alias key names one place of its kind in its region (current or former)."""
    for r in rows:
        if not r["aliases"]:
            continue
        pid = r["place_id"]
        tops = {x["place_id"] for x in rows if not x["parent_id"]}
        regions: set[str | None] = set(gaz.ancestors(pid) & tops) or {None}
        for alias in r["aliases"].split(";"):
            assert alias == alias.strip() and alias, r
            for region in regions:
                found = gaz.matches(alias, region=region, kind=r["kind"])
                assert found == [pid], (alias, region, found)


# --------------------------------------------------------------------------- seed spellings


def test_seed_spelling_list_is_complete() -> None:
    seeds = [s[0] for s in SEED_SPELLINGS]
    rating = [s for s in SEED_SPELLINGS if s[0] == S004]
    assert len(rating) == 199
    assert sum(1 for s in rating if s[5] == "city") == 39
    assert sum(1 for s in rating if s[5] == "district") == 160
    headings = [s for s in SEED_SPELLINGS if s[0] == S000 and s[5] != "region"]
    assert len(headings) == 13
    assert set(seeds) == {S000, S001, S002, S003, S004}


@pytest.mark.parametrize("seed,line,name,region_line,region,kind,expected", SEED_SPELLINGS)
def test_seed_spelling_resolves(gaz: Gazetteer, seed: str, line: int, name: str,
                                region_line: int | None, region: str, kind: str,
                                expected: str) -> None:
    lines = _seed_lines(seed)
    assert squash(name) in squash(undo_letter_spacing(lines[line - 1])), (seed, line, name)
    if region_line is not None:
        assert squash(region) in squash(undo_letter_spacing(lines[region_line - 1]))
    on = SEED_DATES[seed]
    reg = region or None
    # with the kind the row has, at the document's date ...
    assert gaz.resolve(name, region=reg, on=on, kind=kind) == expected
    # ... and without a date (region taken as current or former)
    assert gaz.resolve(name, region=reg, kind=kind) == expected


def test_seed_spellings_are_recorded(by_id: dict[str, dict[str, str]], gaz: Gazetteer) -> None:
    """Each printed spelling is a name or an alias of its place (keys compared)."""
    for _, _, name, _, _, _, expected in SEED_SPELLINGS:
        assert normalize_place_name(name) in gaz.keys_of(expected), (name, expected)


def test_datapackage_validates() -> None:
    import frictionless

    report = frictionless.validate(str(PKG / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    desc = json.loads((PKG / "datapackage.json").read_text(encoding="utf-8"))
    fields = [f["name"] for f in desc["resources"][0]["schema"]["fields"]]
    assert fields == FIELDS
