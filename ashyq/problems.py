"""Problems are data, not exceptions: a code from the registry, a position, a message, a fix.

Imports nothing from ashyq. Codes are kebab-case; where frictionless has a code for the
same problem it is reused verbatim.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """A kind of problem: what it is called, how bad it is, how to fix it and what it means.

    Errors stop a build; warnings are quality flags of the source documents, shown on the
    site beside their rows to Kazakh readers, so they carry a Kazakh title and explanation.
    """

    code: str
    title: str
    severity: Severity
    fix: str
    explain: str = ""  # what the problem is, in plain English (datasets/README.md, "Validation")
    title_kk: str = ""  # the Kazakh of title, explain and fix (KAZAKH below): for the site (warnings)
    explain_kk: str = ""  # and the pull-request comment (`ashyq diff`, `--lang kk`)
    fix_kk: str = ""


def _error(code: str, title: str, fix: str, explain: str) -> Code:
    return Code(code, title, "error", fix, explain)


# The registry. Every Problem's code must be here; tests/test_validate_codes.py checks that
# each is documented (title, fix, explanation; Kazakh title and explanation for warnings)
# and that the table in datasets/README.md is `codes_markdown()`.
CODES: dict[str, Code] = {
    c.code: c
    for c in [
        # --- structure (frictionless codes, reused verbatim) ---
        _error("package-error", "Broken datapackage.json",
               "make datapackage.json valid JSON that follows the Data Package spec",
               "The package descriptor cannot be read or is not a valid Data Package."),
        _error("resource-error", "Resource cannot be read",
               "check the resource's path and that the file exists",
               "A resource of datapackage.json is malformed or its file cannot be read."),
        _error("scheme-error", "Resource cannot be opened",
               "check the resource's path and that the file exists",
               "The file a resource points to does not exist or cannot be opened."),
        _error("source-error", "File cannot be read as a table",
               "save the file as a UTF-8 CSV with a header row",
               "The file is empty or its contents are not a table."),
        _error("encoding-error", "File is not UTF-8",
               "save it as UTF-8 in your spreadsheet: File → Save as → «CSV UTF-8 (Comma delimited)» (Excel) "
               "or «Text CSV» with the character set «Unicode (UTF-8)» (LibreOffice); in a text editor, "
               "choose the encoding «UTF-8» (not «UTF-8 with BOM») and save",
               "The file holds bytes that are not UTF-8; the message names what it most likely is: Windows-1251 "
               "(Cyrillic), Latin-1 (Western European) or UTF-16 (Excel's «Unicode text»)."),
        _error("schema-error", "Broken Table Schema", "fix the schema in datapackage.json",
               "A resource's Table Schema is invalid."),
        _error("field-error", "Broken field definition",
               "fix the field definition in datapackage.json",
               "A field of a Table Schema is invalid."),
        _error("blank-header", "Header cell is empty",
               "give every column a name, as in the schema", "The header row is empty."),
        _error("duplicate-label", "Column name repeated", "rename or remove the repeated column",
               "Two columns of the header have the same name."),
        _error("incorrect-label", "Column name differs from the schema",
               "use the column names of the schema, in its order",
               "A column name is not the name the schema gives that column."),
        _error("missing-label", "Column missing",
               "add the column the schema expects, in its place",
               "The file has fewer columns than the schema."),
        _error("extra-label", "Column not in the schema",
               "remove the column, or add it to the schema in datapackage.json",
               "The file has more columns than the schema."),
        _error("blank-row", "Row is empty", "remove the empty row",
               "A row has no values at all."),
        _error("extra-cell", "Row has too many cells",
               "remove the extra cells, or quote a value that contains a comma",
               "A row has more cells than the header."),
        _error("missing-cell", "Row has too few cells",
               "add the missing cells (an empty value still needs its comma)",
               "A row has fewer cells than the header."),
        _error("type-error", "Value has the wrong type", "write the value in the field's type",
               "A value cannot be read as the field's type (integer, number, date, ...)."),
        _error("constraint-error", "Value breaks a constraint",
               "use a value the field's constraints allow (see the schema)",
               "A value is outside the field's minimum/maximum, enum or pattern."),
        _error("primary-key", "Row key repeated",
               "make the key columns unique: remove the duplicate row or correct its key",
               "Two rows have the same primary key."),
        _error("unique-error", "Value repeated in a unique field", "make the value unique",
               "A field declared unique holds the same value twice."),
        _error("foreign-key", "Reference to a row that does not exist",
               "use a value that exists in the referenced table",
               "A value refers to a row of another table (or package) that does not exist."),
        _error("missing-enum-title", "Coded value without a label",
               "add the value's titles in kk, ru and en to the field's enumTitles in datapackage.json",
               "A field with an `enum` has no `enumTitles`, or a value of the enum has no kk, ru or en "
               "title there (nor in `enumShortTitles`, where a field has them): the site shows labels, "
               "not codes."),
        _error("missing-file", "Resource file missing",
               "add the file, or correct the resource's path in datapackage.json",
               "A resource's `path` in datapackage.json names a file that does not exist (or no path at all)."),
        _error("unsafe-path", "Resource path outside the package",
               "write a path inside the package folder, e.g. data/<resource>.csv",
               "A resource's `path` is absolute, a URL, or climbs out of the package folder "
               "(`../../etc/passwd`): a package may only read its own files."),
        _error("missing-range", "Numeric field without a plausible range",
               'add "minimum" and "maximum" to the field\'s constraints in datapackage.json',
               "A numeric field declares no `minimum` or no `maximum`: without a plausible range, a "
               "misread number (a rating index of 57 where indices run from 0 to 10) would be published."),
        _error("bounds-order", "Range written from high to low",
               "swap the two values, or correct the one that was misread",
               "Two fields that write a range (headcount_min and headcount_max, period_start and "
               "period_end) have the first greater than the second."),
        _error("unknown-package", "Reference to a package that does not exist",
               "name a package folder under datasets/",
               "An `externalForeignKeys` entry names a package or resource that cannot be read."),
        _error("file-too-large", "File too large to publish",
               "split the rows into several files of one schema (one per year or region), each under 100 MiB",
               "A resource file is over 100 MiB, the most GitHub stores in one file. It is not read at all (so "
               "the check stays fast and small in memory); the rest of its package is checked once it is split."),
        _error("row-too-wide", "Row far wider than any table",
               "put each row on its own line, with as many cells as the header",
               "A line holds 1,000 cells or more: a file pasted into one line, or cells joined by a wrong "
               "delimiter. The file is not handed to the table checks, which would take minutes cell by cell; "
               "the rest of its package is checked once the line is fixed."),
        _error("row-error", "Row cannot be read", "correct the row",
               "A row cannot be parsed."),
        _error("cell-error", "Cell cannot be read", "correct the cell",
               "A cell cannot be parsed."),
        _error("format-error", "File is not in a tabular format", "save the file as CSV",
               "The file format is not CSV."),
        _error("blank-label", "Column name is empty",
               "give every column a name, as in the schema", "A header cell is empty."),
        _error("dialect-error", "CSV dialect cannot be used", "use a plain comma-separated CSV",
               "The CSV dialect of the resource is invalid."),
        _error("table-dimensions", "Table size out of bounds",
               "check that no rows or columns were lost",
               "The table has fewer or more rows or columns than declared."),
        _error("general-error", "Unexpected problem",
               "check that the file is a UTF-8 CSV that matches its schema",
               "Something the other codes do not describe went wrong reading the data."),
        _error("missing-value", "Required value is empty",
               "fill in the value: the field is required (write what the document prints)",
               "A field marked `required` in the schema is empty."),
        _error("rule-error", "A rule could not check the data",
               "correct the other errors of this file first; if none, report a bug",
               "One of our rules failed on this data, so it is unchecked: the build stops."),
        # --- documents are immutable (`ashyq diff BASE HEAD`, the pull-request check) ---
        _error("source-edited", "Source document changed",
               "undo the change (git checkout BASE -- the file); to bring in another text of the act (an "
               "amended or corrected edition), add it as a new file in sources/ and point the rows' "
               "source_path and source_lines at it",
               "A file under `datasets/<package>/sources/` differs between the base of a pull request and its "
               "head. A source copy is the document as it was published: rows cite its lines, so it is never "
               "edited."),
        _error("source-removed", "Source document removed while rows cite it",
               "restore the file (git checkout BASE -- the file), or first point every row that cites it at "
               "another source file",
               "A file under `datasets/<package>/sources/` was deleted (or renamed) while rows still name it in "
               "their `source_path`: their provenance would lead nowhere."),
        # --- hygiene: bytes and cells (CSV conventions of datasets/README.md) ---
        _error("byte-order-mark", "File starts with a byte-order mark",
               "save the file as UTF-8 without a BOM: Excel's «CSV UTF-8» adds one; in a text editor choose "
               "the encoding «UTF-8» (not «UTF-8 with BOM») and save",
               "The file starts with the bytes EF BB BF, which some tools read into the first "
               "column name."),
        _error("crlf-line-end", "Lines end in CRLF",
               "save the file with LF line ends (\\n), as the other CSV files",
               "Lines end in carriage return + line feed (Windows) instead of LF."),
        _error("nul-byte", "File holds NUL bytes",
               "remove the NUL bytes (\\x00): the file was probably damaged or is binary",
               "The file holds zero bytes, which no text should contain."),
        _error("stray-whitespace", "Value starts or ends with whitespace",
               "remove the spaces at the start and end of the value",
               "A cell begins or ends with a space, tab or other whitespace."),
        _error("control-character", "Value holds a control character",
               "remove the control character (line breaks inside a cell become one space)",
               "A cell holds an invisible control or formatting character (line break, tab, "
               "zero-width space, direction mark, ...)."),
        _error("letter-spacing", "Value holds letter-spaced text",
               "join the letters into a word: \"м е к т е б і\" → \"мектебі\"",
               "A PDF artefact was left in: a word printed with spaces between its letters."),
        _error("formula-injection", "Text starts with =, +, - or @",
               "remove the leading character, or rewrite the value so it starts with a letter, "
               "digit or quote",
               "Spreadsheets run a text cell that starts with =, +, - or @ as a formula when a "
               "reader opens the CSV; text fields may not start with them."),
        _error("html-markup", "Text holds HTML markup",
               "write plain text: remove the tags and any javascript: link",
               "A text cell holds an HTML tag, a comment or a javascript: link."),
        _error("unknown-place", "Place name matches no place",
               "use a name or alias of datasets/places/data/places.csv, or add the spelling "
               "to that place's aliases",
               "A place name as printed matches no name or alias in the places package."),
        _error("place-name-mismatch", "Place name is another place than place_id",
               "correct place_id, or the printed name, so that both name the same place",
               "A place name as printed resolves to places other than the row's place_id."),
        # --- quality flags of the documents (warnings; shown on the site) ---
        Code("jobs-mismatch", "Jobs do not follow from headcount and percent", "warning",
             "keep the document's figure; the flag tells readers it does not add up",
             "The jobs printed are not headcount × percent ÷ 100 rounded down, up or to the "
             "nearest whole number.",
             "Жұмыс орындарының саны есептеуге сәйкес келмейді",
             "Құжатта көрсетілген жұмыс орындарының саны жұмыскерлер санын квота пайызына "
             "көбейтіп, 100-ге бөлгенде шығатын санның ешбір дөңгелектеуіне (төменге, "
             "жоғарыға немесе ең жақын бүтін санға) сәйкес келмейді. Сан құжатта қалай "
             "басылса, солай берілген, біз оны түзетпейміз."),
        Code("percent-out-of-band", "Quota percent outside the legal band", "warning",
             "keep the document's figure; the bands are in datasets/quotas/data/legal_bands.csv",
             "The quota percent is not in the band that the legal rules (resource "
             "`legal_bands`) set for the category and the organisation's headcount.",
             "Квота пайызы заң белгілеген шектен тыс",
             "Заң квотаның пайызын ұйымдағы жұмыскерлер санына қарай белгілейді (мысалы, "
             "мүгедектігі бар адамдар үшін: 50–100 жұмыскерге 2%, 101–250 жұмыскерге 3%, "
             "250-ден көп жұмыскерге 4%). Құжаттағы пайыз осы шектерге сәйкес келмейді. "
             "Шектер мен олардың құқықтық негізі legal_bands кестесінде; құжаттағы пайыз "
             "өзгертілмеген."),
        Code("total-mismatch", "Printed total differs from the sum of its parts", "warning",
             "keep the document's figures; the flag tells readers they do not add up",
             "A total the document prints (row_kind = total, or a total column) is not the sum "
             "of the rows it totals.",
             "Жиынтық сан бөліктерінің қосындысына тең емес",
             "Құжатта басылған «Барлығы» саны өзі жинақтайтын жолдардың қосындысына тең емес. "
             "Екі сан да құжатта қалай басылса, солай берілген."),
        Code("annex-date-mismatch", "Annex header dated another year than its act", "warning",
             "keep the header as printed; the flag tells readers the dates disagree",
             "An annex header prints a year other than the year the act was adopted (or the "
             "year of the act that gave the annex its new wording).",
             "Қосымшадағы күн қаулының күнімен сәйкес келмейді",
             "Қосымшаның тақырыбында басылған жыл қаулының қабылданған жылынан (немесе "
             "қосымшаны жаңа редакцияда бекіткен қаулының жылынан) өзгеше. Күндер құжатта "
             "қалай басылса, солай берілген."),
        Code("period-mismatch", "Years in the title differ from the period", "warning",
             "keep the title as printed; the flag tells readers the years disagree",
             "The years a programme's title prints differ from its implementation period "
             "(period_start–period_end).",
             "Атаудағы жылдар мерзіммен сәйкес келмейді",
             "Бағдарламаның атауында басылған жылдар оны іске асыру мерзімінде көрсетілген "
             "жылдардан өзгеше. Атау құжатта қалай басылса, солай берілген."),
    ]
}


# The Kazakh of every code (title, explanation, fix): quality flags are shown on the site, and
# every problem in the pull-request comment and with `--lang kk` (tests/test_faults.py checks
# that every code has all three). Warnings carry their title and explanation above.
KAZAKH: dict[str, tuple[str, str, str]] = {
    "package-error": (
        "datapackage.json бұзылған",
        "Пакеттің сипаттамасы (datapackage.json) оқылмайды немесе Data Package ережелеріне сай емес.",
        "datapackage.json файлын дұрыс JSON етіп, Data Package ережелеріне сай жазыңыз",
    ),
    "resource-error": (
        "Ресурсты оқу мүмкін емес",
        "datapackage.json ішіндегі ресурс дұрыс жазылмаған немесе оның файлы оқылмайды.",
        "ресурстың жолын (path) және файлдың бар екенін тексеріңіз",
    ),
    "scheme-error": (
        "Ресурстың файлы ашылмайды",
        "Ресурс көрсеткен файл жоқ немесе ашылмайды.",
        "ресурстың жолын (path) және файлдың бар екенін тексеріңіз",
    ),
    "source-error": (
        "Файлды кесте ретінде оқу мүмкін емес",
        "Файл бос немесе оның ішінде кесте жоқ.",
        "файлды тақырып жолы бар UTF-8 CSV ретінде сақтаңыз",
    ),
    "encoding-error": (
        "Файл UTF-8 емес",
        "Файлда UTF-8 емес байттар бар; хабарлама оның қай кодировкада сақталғанын айтады: Windows-1251 "
        "(кирилл), Latin-1 (батыс еуропалық) немесе UTF-16 (Excel-дегі «Unicode мәтіні»).",
        "кестелік бағдарламада UTF-8 ретінде сақтаңыз: Файл → Басқаша сақтау → «CSV UTF-8» (Excel) "
        "немесе «Text CSV», таңбалар жиыны «Unicode (UTF-8)» (LibreOffice)",
    ),
    "schema-error": (
        "Table Schema бұзылған",
        "Ресурстың кесте сызбасы (Table Schema) жарамсыз.",
        "datapackage.json ішіндегі сызбаны түзетіңіз",
    ),
    "field-error": (
        "Өрістің сипаттамасы бұзылған",
        "Кесте сызбасындағы бір өріс дұрыс сипатталмаған.",
        "datapackage.json ішіндегі өрістің сипаттамасын түзетіңіз",
    ),
    "blank-header": (
        "Тақырып жолы бос",
        "Файлдың бірінші (тақырып) жолы бос.",
        "әр бағанға сызбадағыдай атау беріңіз",
    ),
    "duplicate-label": (
        "Баған атауы қайталанады",
        "Тақырып жолында екі бағанның атауы бірдей.",
        "қайталанған бағанның атын өзгертіңіз немесе оны алып тастаңыз",
    ),
    "incorrect-label": (
        "Баған атауы сызбадағыдан өзгеше",
        "Бағанның атауы сызбада сол бағанға берілген атаумен сәйкес келмейді.",
        "сызбадағы баған атауларын сол ретпен жазыңыз",
    ),
    "missing-label": (
        "Баған жоқ",
        "Файлда сызбадағыдан аз баған бар.",
        "сызба күткен бағанды өз орнына қосыңыз",
    ),
    "extra-label": (
        "Сызбада жоқ баған",
        "Файлда сызбадағыдан көп баған бар.",
        "артық бағанды алып тастаңыз немесе оны datapackage.json сызбасына қосыңыз",
    ),
    "blank-row": (
        "Жол бос",
        "Жолда бірде-бір мән жоқ.",
        "бос жолды өшіріңіз",
    ),
    "extra-cell": (
        "Жолда ұяшық артық",
        "Жолда тақырып жолынан көп ұяшық бар.",
        "артық ұяшықты алып тастаңыз немесе ішінде үтір бар мәнді тырнақшаға алыңыз",
    ),
    "missing-cell": (
        "Жолда ұяшық жетпейді",
        "Жолда тақырып жолынан аз ұяшық бар.",
        "жетпейтін ұяшықтарды қосыңыз (бос мәннің де үтірі болуы керек)",
    ),
    "type-error": (
        "Мәннің түрі қате",
        "Мәнді өрістің түрі (бүтін сан, сан, күн, …) ретінде оқу мүмкін емес.",
        "мәнді өрістің түрінде жазыңыз",
    ),
    "constraint-error": (
        "Мән шектеуге сай емес",
        "Мән өрістің шектеулерінен (ең кіші/ең үлкен мән, рұқсат етілген мәндер, үлгі) тыс.",
        "өріс шектеулері рұқсат ететін мәнді жазыңыз (сызбаны қараңыз)",
    ),
    "primary-key": (
        "Жолдың кілті қайталанады",
        "Екі жолдың бастапқы кілті (primary key) бірдей.",
        "кілт бағандарын бірегей етіңіз: қайталанған жолды өшіріңіз немесе оның кілтін түзетіңіз",
    ),
    "unique-error": (
        "Бірегей өрістегі мән қайталанады",
        "Бірегей (unique) деп белгіленген өрісте бір мән екі рет кездеседі.",
        "мәнді бірегей етіңіз",
    ),
    "foreign-key": (
        "Жоқ жолға сілтеме",
        "Мән басқа кестедегі (немесе пакеттегі) жоқ жолға сілтейді.",
        "сілтеме жасалған кестеде бар мәнді жазыңыз",
    ),
    "missing-enum-title": (
        "Кодталған мәннің атауы жоқ",
        "enum өрісінде enumTitles жоқ немесе бір мәннің kk, ru не en атауы жоқ: сайт кодты емес, атауды "
        "көрсетеді.",
        "мәннің kk, ru және en атауларын datapackage.json ішіндегі өрістің enumTitles бөліміне қосыңыз",
    ),
    "missing-file": (
        "Ресурстың файлы жоқ",
        "datapackage.json ішіндегі ресурстың path жолы жоқ файлды көрсетеді (немесе path мүлде жоқ).",
        "файлды қосыңыз немесе datapackage.json ішіндегі ресурстың жолын түзетіңіз",
    ),
    "unsafe-path": (
        "Ресурстың жолы пакеттен тыс",
        "Ресурстың path жолы абсолют, URL немесе пакет қалтасынан шығып кетеді (../../etc/passwd): пакет "
        "тек өз файлдарын оқи алады.",
        "пакет қалтасының ішіндегі жолды жазыңыз, мысалы data/<ресурс>.csv",
    ),
    "missing-range": (
        "Сандық өрістің ықтимал ауқымы жоқ",
        "Сандық өрісте minimum не maximum жоқ: ауқымсыз қате оқылған сан (индекстер 0–10 болғанда 57) "
        "жарияланып кетер еді.",
        "datapackage.json ішіндегі өріс шектеулеріне minimum мен maximum қосыңыз",
    ),
    "bounds-order": (
        "Ауқым үлкеннен кішіге жазылған",
        "Ауқымды білдіретін екі өрістің (headcount_min мен headcount_max, period_start пен period_end) "
        "біріншісі екіншісінен үлкен.",
        "екі мәннің орнын ауыстырыңыз немесе қате оқылғанын түзетіңіз",
    ),
    "unknown-package": (
        "Жоқ пакетке сілтеме",
        "externalForeignKeys жазбасы оқылмайтын немесе жоқ пакетті не ресурсты атайды.",
        "datasets/ ішіндегі бар пакет қалтасын атаңыз",
    ),
    "file-too-large": (
        "Файл жариялауға тым үлкен",
        "Ресурстың файлы 100 МиБ-тан асады — GitHub бір файлда сақтай алатын ең үлкен көлем. Тексеру "
        "жылдам әрі жадқа жеңіл болуы үшін файл мүлде оқылмайды; пакеттің қалғаны файл бөлінген соң "
        "тексеріледі.",
        "жолдарды бір сызбамен бірнеше файлға бөліңіз (мысалы, әр жылға не әр облысқа бір файл), "
        "әрқайсысы 100 МиБ-тан аз",
    ),
    "row-too-wide": (
        "Жол ешбір кестеде болмайтындай кең",
        "Бір жолда 1 000 не одан көп ұяшық бар: файл бір жолға жапсырылған немесе ұяшықтар басқа "
        "бөлгішпен біріктірілген. Файл кесте тексерулеріне берілмейді (олар ұяшық-ұяшықпен минуттап "
        "жүрер еді); пакеттің қалғаны жол түзетілген соң тексеріледі.",
        "әр жолды жеке жолға, тақырыптағыдай ұяшық санымен жазыңыз",
    ),
    "row-error": (
        "Жол оқылмайды",
        "Жолды талдау мүмкін емес.",
        "жолды түзетіңіз",
    ),
    "cell-error": (
        "Ұяшық оқылмайды",
        "Ұяшықты талдау мүмкін емес.",
        "ұяшықты түзетіңіз",
    ),
    "format-error": (
        "Файл кесте пішімінде емес",
        "Файлдың пішімі CSV емес.",
        "файлды CSV ретінде сақтаңыз",
    ),
    "blank-label": (
        "Баған атауы бос",
        "Тақырып жолындағы бір ұяшық бос.",
        "әр бағанға сызбадағыдай атау беріңіз",
    ),
    "dialect-error": (
        "CSV диалектін қолдану мүмкін емес",
        "Ресурстың CSV диалектісі жарамсыз.",
        "кәдімгі үтірмен бөлінген CSV қолданыңыз",
    ),
    "table-dimensions": (
        "Кестенің өлшемі шектен тыс",
        "Кестеде жарияланғаннан аз немесе көп жол не баған бар.",
        "ешбір жол не баған жоғалмағанын тексеріңіз",
    ),
    "general-error": (
        "Күтпеген мәселе",
        "Деректерді оқу кезінде басқа кодтар сипаттамайтын бір нәрсе дұрыс болмады.",
        "файлдың сызбаға сай UTF-8 CSV екенін тексеріңіз",
    ),
    "missing-value": (
        "Міндетті мән бос",
        "Сызбада required деп белгіленген өріс бос.",
        "мәнді толтырыңыз: өріс міндетті (құжатта басылғанын жазыңыз)",
    ),
    "rule-error": (
        "Ереже деректерді тексере алмады",
        "Біздің ережелеріміздің бірі осы деректерде істен шықты, сондықтан олар тексерілмеді: сайт "
        "жасалмайды.",
        "алдымен осы файлдың басқа қателерін түзетіңіз; басқа қате болмаса, хабарлаңыз",
    ),
    "source-edited": (
        "Дереккөз құжаты өзгертілген",
        "datasets/<пакет>/sources/ ішіндегі файл pull request-тің негізі мен соңғы нұсқасы арасында "
        "өзгерген. Дереккөздің көшірмесі — құжаттың жарияланған күйі: жолдар оның жолдарына сілтейді, "
        "сондықтан ол ешқашан өңделмейді.",
        "өзгерісті қайтарыңыз (git checkout BASE -- файл); актінің басқа мәтінін (өзгертілген немесе "
        "түзетілген редакциясын) енгізу үшін оны sources/ ішіне жаңа файл етіп қосыңыз да, жолдардың "
        "source_path пен source_lines мәндерін соған бағыттаңыз",
    ),
    "source-removed": (
        "Жолдар сілтейтін дереккөз өшірілген",
        "datasets/<пакет>/sources/ ішіндегі файл өшірілген (немесе аты өзгерген), ал жолдар оны әлі де "
        "source_path өрісінде атайды: олардың шығу тегі ешқайда апармайды.",
        "файлды қалпына келтіріңіз (git checkout BASE -- файл) немесе алдымен оған сілтейтін әр жолды "
        "басқа дереккөз файлына бағыттаңыз",
    ),
    "byte-order-mark": (
        "Файл байт ретінің белгісімен (BOM) басталады",
        "Файл EF BB BF байттарымен басталады; кейбір бағдарламалар оларды бірінші баған атауына қосып "
        "оқиды.",
        "файлды BOM-сыз UTF-8 ретінде сақтаңыз: Excel-дің «CSV UTF-8» пішімі оны қосады; мәтін "
        "редакторында «UTF-8» кодировкасын («UTF-8 with BOM» емес) таңдап сақтаңыз",
    ),
    "crlf-line-end": (
        "Жолдар CRLF-пен аяқталады",
        "Жолдар LF орнына CR + LF (Windows) белгілерімен аяқталады, немесе екеуі аралас.",
        "файлды тек LF жол соңдарымен сақтаңыз (мәтін редакторында: жол соңы → LF / Unix)",
    ),
    "nul-byte": (
        "Файлда NUL байттары бар",
        "Файлда нөлдік байттар бар, ал олар ешбір мәтінде болмауы керек.",
        "NUL байттарын (\\x00) алып тастаңыз: файл бүлінген немесе екілік болуы мүмкін",
    ),
    "stray-whitespace": (
        "Мәннің басында не соңында бос орын бар",
        "Ұяшық бос орынмен, табуляциямен немесе басқа бос таңбамен басталады не аяқталады.",
        "мәннің басы мен соңындағы бос орындарды алып тастаңыз",
    ),
    "control-character": (
        "Мәнде басқару таңбасы бар",
        "Ұяшықта көрінбейтін басқару не пішімдеу таңбасы (жол ауыстыру, табуляция, нөлдік енді бос орын, "
        "бағыт белгісі, …) бар.",
        "басқару таңбасын алып тастаңыз (ұяшық ішіндегі жол ауыстыру бір бос орынға айналады)",
    ),
    "letter-spacing": (
        "Мәнде әріптері бөлек жазылған мәтін бар",
        "PDF-тен қалған ақау: әріптерінің арасында бос орын бар сөз.",
        "әріптерді бір сөзге біріктіріңіз: «м е к т е б і» → «мектебі»",
    ),
    "formula-injection": (
        "Мәтін =, +, - немесе @ белгісімен басталады",
        "Оқырман CSV-ді ашқанда кестелік бағдарламалар =, +, - не @ белгісімен басталатын мәтінді "
        "формула ретінде іске қосады; мәтіндік өрістер олармен басталмауы керек.",
        "бастапқы таңбаны алып тастаңыз немесе мәнді әріппен, цифрмен не тырнақшамен басталатындай "
        "жазыңыз",
    ),
    "html-markup": (
        "Мәтінде HTML белгілері бар",
        "Мәтіндік ұяшықта HTML тегі, түсініктеме немесе javascript: сілтемесі бар.",
        "жай мәтін жазыңыз: тегтерді және кез келген javascript: сілтемесін алып тастаңыз",
    ),
    "unknown-place": (
        "Жер атауы ешбір жерге сәйкес келмейді",
        "Басылған жер атауы places пакетіндегі ешбір атауға не балама атауға сәйкес келмейді.",
        "datasets/places/data/places.csv ішіндегі атауды не балама атауды қолданыңыз немесе бұл жазылуды "
        "сол жердің балама атауларына (aliases) қосыңыз",
    ),
    "place-name-mismatch": (
        "Жер атауы place_id-ден басқа жерді білдіреді",
        "Басылған жер атауы жолдың place_id-інен басқа жерлерге сәйкес келеді.",
        "екеуі бір жерді атайтындай place_id-ді немесе басылған атауды түзетіңіз",
    ),
}
FIX_KK: dict[str, str] = {  # the Kazakh fix of the quality flags
    "jobs-mismatch": "құжаттағы санды қалдырыңыз; белгі оқырмандарға оның есепке сәйкес келмейтінін айтады",
    "percent-out-of-band": "құжаттағы санды қалдырыңыз; шектер datasets/quotas/data/legal_bands.csv ішінде",
    "total-mismatch": "құжаттағы сандарды қалдырыңыз; белгі оқырмандарға олардың қосылмайтынын айтады",
    "annex-date-mismatch": "тақырыпты басылғандай қалдырыңыз; белгі оқырмандарға күндердің сәйкес келмейтінін айтады",
    "period-mismatch": "атауды басылғандай қалдырыңыз; белгі оқырмандарға жылдардың сәйкес келмейтінін айтады",
}
for _code, (_title, _explain, _fix) in KAZAKH.items():
    CODES[_code] = replace(CODES[_code], title_kk=_title, explain_kk=_explain, fix_kk=_fix)
for _code, _fix in FIX_KK.items():
    CODES[_code] = replace(CODES[_code], fix_kk=_fix)


def codes_markdown() -> str:
    """The table of codes in datasets/README.md ("Validation"), generated from CODES."""
    lines = ["| code | severity | what it means | fix |", "|---|---|---|---|"]
    for c in sorted(CODES.values(), key=lambda c: (c.severity, c.code)):
        title = f"**{c.title}**" + (f" ({c.title_kk})" if c.title_kk else "")
        lines.append(f"| `{c.code}` | {c.severity} | {title}. {c.explain} | {c.fix} |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, at a position people can go to."""

    path: str
    row: int = 0  # CSV line number, header = 1; 0 when the problem is about the whole file
    col: int = 0  # 1-based column number; 0 when about the whole row or file
    code: str = "package-error"
    message: str = ""
    fix: str = field(default="", compare=False)
    # Which table the problem is in, so the site can show a flag beside its row.
    package: str = field(default="", compare=False)
    resource: str = field(default="", compare=False)
    # The message in Kazakh and in Russian, for quality flags the site shows to readers ("" when
    # none: a Russian page then shows the English `message`).
    message_kk: str = field(default="", compare=False)
    message_ru: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered problem code {self.code!r}")

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def format(self, lang: str = "en") -> str:
        """`path:row:col: code: message` then the fix, as people read it in a terminal.

        In Kazakh (`lang="kk"`, the pull-request comment and `--lang kk`): the code's Kazakh
        title before the message (the message's own Kazakh where it has one; else its
        details, in English), and the Kazakh fix, with this problem's own hint after it."""
        where = self.path + "".join(f":{n}" for n in (self.row, self.col) if n)
        code = CODES[self.code]
        if lang == "kk":
            detail = self.message_kk or self.message
            hint = f" ({self.fix})" if self.fix and self.fix != code.fix else ""
            return f"{where}: {self.code}: {code.title_kk}: {detail}\n  түзету: {code.fix_kk}{hint}"
        return f"{where}: {self.code}: {self.message}\n  fix: {self.fix or code.fix}"

    def to_dict(self) -> dict[str, object]:
        code = CODES[self.code]
        return {**asdict(self), "fix": self.fix or code.fix, "severity": self.severity, "title": code.title,
                "title_kk": code.title_kk, "fix_kk": code.fix_kk}


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
