from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel


class ReemploymentFigures(BaseModel):
    district: str
    period: str  # YYYY-MM, or YYYY for the yearly figures
    drew_benefit: int
    reemployed: int
    # reemployed / drew_benefit in percent, ROUND_HALF_UP to 0.1; None when nobody drew benefit.
    reemployment_rate: Decimal | None
    placements: int
    placed_through_referral: int
    trained: int


# CSV headers for staff (UI text is Simplified Chinese), in column order.
CSV_HEADERS = {
    "district": "行政区划代码",
    "period": "统计期",
    "drew_benefit": "领取失业保险金人数",
    "reemployed": "其中再就业人数",
    "reemployment_rate": "再就业率(%)",
    "placements": "再就业登记总人数",
    "placed_through_referral": "经职业介绍就业人数",
    "trained": "培训结业人数",
}
