"""Chinese messages of every check, in one place. Field names and codes stay English."""
from __future__ import annotations

SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}

TEMPLATES = {
    "PERCENT_MISMATCH": "完成百分比与目标不符: {value}{unit} ÷ 目标 {target}{target_unit} = {computed}%, 原文写 {printed}%",
    "ROUNDING": "完成百分比末位舍入不一致: 计算为 {computed}%, 原文写 {printed}% (相差不超过末位一个单位)",
    "UNIT_MISMATCH": "单位无法换算: 数据单位为 {unit}, 目标表单位为 {target_unit}",
    "UNIT_MIXED_SUM": "加总的各项不是同一种计数: {units}",
    "SUM_MISMATCH": "分项之和与合计不符: {parts} = {computed}{unit}, 原文合计为 {total}{unit}",
    "PARTS_EXCEED": "\"其中\"所列分项之和超过总数: {parts} = {computed}{unit} > {total}{unit}",
    "PARTIAL_HINT": " (如\"其中\"只列出了部分分项, 可忽略)",
    "PERCENT_SIGN_MISSING": "完成百分比缺少 % 号: \"{found}\"",
    "OVER_TARGET": "完成百分比超过 100% ({printed}%),请确认",
    "BEHIND_SCHEDULE": "进度落后于序时进度: 完成 {printed}%, 截至 {as_of} 序时进度 {schedule}% (落后 {gap} 个百分点)",
    "NUMBERING_INLINE": "序号 {label} 出现在上一项的段落中间,未另起一段",
    "NUMBERING_SKIP": "序号不连续: {prev} 之后是 {label}",
    "NUMBERING_REPEAT": "序号重复: {label}",
    "NUMBERING_COUNT": "标题写\"{title}\",其下实际有 {count} 项",
    "DATE_ORDER": "统计截止日期 {as_of} 晚于印发日期 {issue_date}",
    "DATE_GARBLED": "日期写法有误: \"{found}\"",
    "DATE_SIGNATURE": "落款日期 {found} 与文首日期 {expected} 不一致",
    "TYPO": "疑似错别字: \"{found}\" 应为 \"{expected}\"",
    "TARGET_MISSING": "目标表中没有与此完成百分比对应的目标: {metric}",
    "TARGET_AMBIGUOUS": "目标表中有多行可能对应此数据, 无法确定: 第 {rows} 行",
    "REGRESSION": "累计数比上一期 ({prev}) 还少: 上期 {before}, 本期 {found}",
    "PERCENT_REGRESSION": "完成百分比比上一期 ({prev}) 下降: 上期 {before}%, 本期 {found}%",
    "STALE": "数字和完成百分比与上一期 ({prev}) 完全相同, 而截止日期已变, 可能未更新",
    "TARGET_CHANGED": "由数值和百分比推算的年度目标与上一期 ({prev}) 不同: 上期约 {before}{unit}, 本期约 {found}{unit}",
    "ROLLUP_MISMATCH": "市级数字与各县市区报送之和不符: {parts} = {total}{unit}, 市级写 {city}{unit}",
    "ROLLUP_MISSING": "{county} 未报送此项 ({metric}), 无法核对合计",
    "ENGINE_MISMATCH": "两种 PDF 文字引擎读出的数字不同: PDFium 读为 {pdfium}, pdfplumber 读为 {pdfplumber}, 请对照原件",
    "TARGET_CONFLICT": "原文所写目标 {text_target}{unit} 与目标表 {table_target}{unit} 不一致",
}


def message(key: str, **kw: object) -> str:
    return TEMPLATES[key].format(**kw)

# Chinese column headers of the review workbook; the English field name stays in the row below.
FIELD_LABELS = {
    "source": "文件", "page": "页码", "section": "章节", "level": "层级", "item": "序号", "project": "项目",
    "metric": "指标", "place": "地区", "value": "数值", "unit": "单位", "value_std": "标准数值", "unit_std": "标准单位",
    "qualifier": "修饰", "role": "类型", "percent": "完成百分比", "target": "目标", "start": "起始位置",
    "end": "结束位置", "percent_start": "百分比起始", "percent_end": "百分比结束", "snippet": "原文",
    "rule": "规则", "doc_title": "文档标题", "issue_no": "期号", "as_of": "截至日期", "extractor": "提取方式",
    "box_x0": "框左", "box_top": "框上", "box_x1": "框右", "box_bottom": "框下", "confidence": "OCR置信度",
    "code": "问题代码", "severity": "级别", "message": "说明", "expected": "应为", "found": "实为",
    "match": "目标匹配方式", "match_score": "匹配得分", "target_row": "目标表行",
    "schedule": "序时进度", "status": "状态",
}
