"""Policy rules: adding rows (operations / finance), and the amounts derived from the rows in
force (R-AMT-1/2). A row that a claim has used never changes (database trigger)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import asyncpg

from services.benefits.policy import repository
from services.benefits.policy.schemas import (
    BenefitAmountCreate,
    BenefitAmountRead,
    DurationRowRead,
    OPTIONS,
    DurationTableCreate,
    ParameterName,
    PolicyInForceRead,
    PolicyParameterCreate,
    PolicyParameterRead,
)
from shared.auth import Principal
from shared.errors import Conflict, InvalidInput
from shared.results import Written

FEN = Decimal("0.01")


def to_fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def missing_policy(name: str, district: str, on: dt.date) -> Conflict:
    return Conflict(
        "policy_missing",
        f"地区 {district} 在 {on.isoformat()} 没有有效的政策参数 {name}, 请先维护政策表",
        name,
    )


@dataclass
class PolicyRefs:
    """The policy rows a computation used (frozen once a decision uses them)."""

    parameter_ids: list[int] = field(default_factory=list)
    duration_ids: list[int] = field(default_factory=list)
    amount_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[int]]:
        return {
            "policy_parameters": self.parameter_ids,
            "duration_policies": self.duration_ids,
            "benefit_amount_policies": self.amount_ids,
        }


async def parameter(
    conn: asyncpg.Connection, district: str, name: ParameterName, on: dt.date, refs: PolicyRefs | None = None
) -> asyncpg.Record:
    row = await repository.parameter_in_force(conn, district, name.value, on)
    if row is None:
        raise missing_policy(name.value, district, on)
    if refs is not None:
        refs.parameter_ids.append(row["id"])
    return row


@dataclass
class MonthlyAmount:
    amount: Decimal
    amount_policy_id: int | None
    explanation: list[str]


async def monthly_benefit_amount(
    conn: asyncpg.Connection, district: str, on: dt.date, refs: PolicyRefs
) -> MonthlyAmount:
    """R-AMT-1/2: a fixed amount or a share of the minimum wage, whichever row is more specific;
    never below 低保 (raised to it), always below the minimum wage."""
    fixed = await repository.benefit_amount_in_force(conn, district, on)
    ratio = await repository.parameter_in_force(
        conn, district, ParameterName.BENEFIT_RATIO_OF_MINIMUM_WAGE.value, on
    )
    minimum_wage = await repository.parameter_in_force(conn, district, ParameterName.MINIMUM_WAGE.value, on)
    dibao = await repository.parameter_in_force(conn, district, ParameterName.DIBAO.value, on)
    if ratio is not None and (fixed is None or _more_specific(ratio, fixed)):
        if minimum_wage is None:
            raise missing_policy(ParameterName.MINIMUM_WAGE.value, district, on)
        amount = _share_of_minimum_wage(ratio, minimum_wage, refs)
    elif fixed is not None:
        amount = _fixed_amount(fixed, refs)
    else:
        raise missing_policy("benefit_amount", district, on)
    if dibao is not None:
        _raise_to_dibao(amount, dibao, refs)
    if minimum_wage is not None:
        _check_below_minimum_wage(amount, minimum_wage, refs)
    return amount


def _more_specific(row: asyncpg.Record, other: asyncpg.Record) -> bool:
    """The more specific area first, then the later effective date."""
    return (row["area_rank"], -row["effective_from"].toordinal()) < (
        other["area_rank"], -other["effective_from"].toordinal()
    )


def _share_of_minimum_wage(ratio: asyncpg.Record, minimum_wage: asyncpg.Record, refs: PolicyRefs) -> MonthlyAmount:
    """R-AMT-2: a share of the local minimum wage."""
    amount = to_fen(minimum_wage["amount"] * ratio["ratio"])
    refs.parameter_ids += [ratio["id"], minimum_wage["id"]]
    line = (
        f"月标准 = 最低工资 {minimum_wage['amount']} × {ratio['ratio']} = {amount} 元"
        f" (R-AMT-2, {ratio['area_code']} 自 {ratio['effective_from']})"
    )
    return MonthlyAmount(amount=amount, amount_policy_id=None, explanation=[line])


def _fixed_amount(fixed: asyncpg.Record, refs: PolicyRefs) -> MonthlyAmount:
    """R-AMT-1: the amount the province set."""
    refs.amount_ids.append(fixed["id"])
    amount = fixed["monthly_amount"]
    line = f"月标准 {amount} 元 (R-AMT-1, {fixed['area_code']} 自 {fixed['effective_from']}: {fixed['source']})"
    return MonthlyAmount(amount=amount, amount_policy_id=fixed["id"], explanation=[line])


def _raise_to_dibao(amount: MonthlyAmount, dibao: asyncpg.Record, refs: PolicyRefs) -> None:
    """R-AMT-2: never below the urban minimum living allowance (低保)."""
    refs.parameter_ids.append(dibao["id"])
    if amount.amount < dibao["amount"]:
        amount.explanation.append(f"低于城市低保标准 {dibao['amount']} 元, 按低保标准发放 (R-AMT-2)")
        amount.amount = dibao["amount"]


def _check_below_minimum_wage(amount: MonthlyAmount, minimum_wage: asyncpg.Record, refs: PolicyRefs) -> None:
    """R-AMT-1: always below the local minimum wage; a table that breaks it is refused."""
    if minimum_wage["id"] not in refs.parameter_ids:
        refs.parameter_ids.append(minimum_wage["id"])
    if amount.amount >= minimum_wage["amount"]:
        raise Conflict(
            "benefit_amount_not_below_minimum_wage",
            f"失业保险金标准 {amount.amount} 元不低于最低工资 {minimum_wage['amount']} 元, 违反 R-AMT-1, 请修正政策表",
            "monthly_amount",
        )


# --- adding rows -----------------------------------------------------------------------------


async def add_parameter(
    conn: asyncpg.Connection, principal: Principal, data: PolicyParameterCreate
) -> Written[PolicyParameterRead]:
    wanted = data.value_field()
    given = {k for k in ("amount", "ratio", "count", "option") if getattr(data, k) is not None}
    if given != {wanted}:
        raise InvalidInput(
            "parameter_value_required", f"参数 {data.name.value} 须且只须填写 {wanted}", wanted
        )
    if wanted == "option" and data.option not in OPTIONS[data.name]:
        allowed = "/".join(sorted(OPTIONS[data.name]))
        raise InvalidInput("invalid_option", f"参数 {data.name.value} 的取值须为 {allowed}", "option")
    async with conn.transaction():
        row, created = await repository.insert_parameter(
            conn,
            area_code=data.area_code,
            name=data.name.value,
            effective_from=data.effective_from,
            effective_to=data.effective_to,
            amount=data.amount,
            ratio=data.ratio,
            count=data.count,
            option=data.option,
            source=data.source,
            is_sample=data.is_sample,
            created_by=principal.subject,
        )
    read = PolicyParameterRead(**dict(row))
    if not created:
        same = (read.effective_to, read.amount, read.ratio, read.count, read.option, read.source) == (
            data.effective_to, data.amount, data.ratio, data.count, data.option, data.source
        )
        if not same:
            raise Conflict(
                "policy_row_exists",
                "该地区该参数在该生效日期已有不同的记录; 政策变化请新增一条生效日期更晚的记录",
                "effective_from",
            )
    return Written(read, created)


async def add_duration_table(
    conn: asyncpg.Connection, principal: Principal, data: DurationTableCreate
) -> Written[list[DurationRowRead]]:
    wanted = [(b.min_contribution_years, b.months) for b in data.bands]
    async with conn.transaction():
        await repository.lock_duration_version(conn, data.area_code, data.effective_from)
        existing = await repository.duration_version(conn, data.area_code, data.effective_from)
        created = not existing
        if existing:
            have = [(r["min_contribution_years"], r["months"]) for r in existing]
            if have != wanted or existing[0]["source"] != data.source:
                raise Conflict(
                    "policy_row_exists",
                    "该地区在该生效日期已有不同的期限表; 政策变化请新增一版生效日期更晚的期限表",
                    "effective_from",
                )
        else:
            await repository.insert_duration_rows(
                conn,
                area_code=data.area_code,
                effective_from=data.effective_from,
                effective_to=data.effective_to,
                bands=wanted,
                source=data.source,
                is_sample=data.is_sample,
                created_by=principal.subject,
            )
            existing = await repository.duration_version(conn, data.area_code, data.effective_from)
    return Written([DurationRowRead(**dict(r)) for r in existing], created)


async def add_benefit_amount(
    conn: asyncpg.Connection, principal: Principal, data: BenefitAmountCreate
) -> Written[BenefitAmountRead]:
    async with conn.transaction():
        await repository.lock_amount_version(conn, data.area_code, data.effective_from)
        existing = await repository.find_amount(conn, data.area_code, data.effective_from)
        if existing is not None:
            if (existing["monthly_amount"], existing["source"]) != (data.monthly_amount, data.source):
                raise Conflict(
                    "policy_row_exists",
                    "该地区在该生效日期已有不同的失业保险金标准; 请新增一条生效日期更晚的记录",
                    "effective_from",
                )
            return Written(BenefitAmountRead(**dict(existing)), created=False)
        row = await repository.insert_amount(
            conn,
            area_code=data.area_code,
            effective_from=data.effective_from,
            effective_to=data.effective_to,
            monthly_amount=data.monthly_amount,
            source=data.source,
            is_sample=data.is_sample,
            created_by=principal.subject,
        )
    return Written(BenefitAmountRead(**dict(row)), created=True)


async def in_force(conn: asyncpg.Connection, district: str, on: dt.date) -> PolicyInForceRead:
    parameters: dict[str, PolicyParameterRead] = {}
    for name in ParameterName:
        row = await repository.parameter_in_force(conn, district, name.value, on)
        if row is not None:
            parameters[name.value] = PolicyParameterRead(**{k: row[k] for k in PolicyParameterRead.model_fields})
    table = [DurationRowRead(**dict(r)) for r in await repository.duration_table_in_force(conn, district, on)]
    try:
        amount = await monthly_benefit_amount(conn, district, on, PolicyRefs())
    except Conflict as error:
        return PolicyInForceRead(
            district=district, on=on, parameters=parameters, duration_table=table,
            monthly_benefit_amount=None, monthly_benefit_explanation=[error.message],
        )
    return PolicyInForceRead(
        district=district, on=on, parameters=parameters, duration_table=table,
        monthly_benefit_amount=amount.amount, monthly_benefit_explanation=amount.explanation,
    )
