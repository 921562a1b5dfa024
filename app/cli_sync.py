"""`guanai keys …` (and, from the exchange side, `bundle …` and `conflicts`): CLI.md's sync
commands, a thin layer over app.sync. Heavy imports stay inside the handlers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli import Cli, parse_date, print_json

# ---- keys --------------------------------------------------------------------------------


def cmd_keys_export(cli: Cli) -> int:
    from app.db import unit_of_work
    from app.sync.trust import export_identity

    a = cli.args
    with unit_of_work(cli.engine) as s:
        ident = export_identity(s, Path(a.out))
    if a.json:
        print_json({**ident.to_json(), "file": str(a.out)})
    else:
        print(cli.t(f"已导出 {ident.name}（{ident.code}）的身份文件：{a.out}",
                    f"Exported the identity of {ident.name} ({ident.code}): {a.out}"))
        print(cli.t(f"指纹：{ident.fingerprint}（请对方收到后电话核对）",
                    f"Fingerprint: {ident.fingerprint} (read it to the other office by phone)"))
    return 0


def cmd_keys_trust(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.sync.trust import trust_file

    a = cli.args
    with unit_of_work(cli.engine) as s:
        result = trust_file(s, actor_for(s), Path(a.file))
    ident = result.identity
    if a.json:
        print_json(result.to_json())
        return 0
    rel = {"parent": cli.t("上级", "parent"), "child": cli.t("下级", "child")}[result.relation]
    if result.already_trusted:
        print(cli.t(f"已信任过{rel}单位 {ident.name}（{ident.code}），没有变化。",
                    f"{ident.name} ({ident.code}) was trusted already: nothing changed."))
    else:
        print(cli.t(f"已信任{rel}单位 {ident.name}（{ident.code}）。",
                    f"Trusted the {rel} office {ident.name} ({ident.code})."))
    print(cli.t(f"指纹：{ident.fingerprint} —— 请打电话请对方念出其指纹，逐组核对；如不一致，请立即撤销（guanai keys revoke {ident.code}）。",
                f"Fingerprint: {ident.fingerprint} — compare it with the other office by phone; "
                f"if it differs, revoke at once (guanai keys revoke {ident.code})."))
    return 0


def cmd_keys_revoke(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.sync.trust import revoke_office

    a = cli.args
    with unit_of_work(cli.engine) as s:
        result = revoke_office(s, actor_for(s), a.code, from_date=a.from_date)
    if a.json:
        print_json(result.to_json())
    elif result.fingerprints:
        local = result.revoked_from.astimezone().strftime("%Y-%m-%d %H:%M")
        n = result.from_sequence
        print(cli.t(f"已撤销单位 {a.code} 的密钥（{'、'.join(result.fingerprints)}），自 {local} 起：对方第 {n} 号及以后的数据包"
                    f"若用这把密钥签名，一律拒收（不论其自称何时签发）；本机在此之前已收到的第 {n} 号以前的数据包仍有效。",
                    f"Revoked the key(s) of {a.code} ({', '.join(result.fingerprints)}) from {local}: its bundles "
                    f"number {n} and later signed with them are refused whatever date they carry; the ones "
                    f"received here before stay valid."))
    else:
        print(cli.t(f"单位 {a.code} 的密钥早已撤销，没有变化。", f"The keys of {a.code} were revoked already."))
    return 0


def cmd_keys_list(cli: Cli) -> int:
    from app.db import unit_of_work
    from app.sync.trust import list_keys

    with unit_of_work(cli.engine) as s:
        rows = list_keys(s)
    if cli.args.json:
        print_json([r.to_json() for r in rows])
        return 0
    status = {"current": cli.t("本单位·在用", "own, in use"), "retired": cli.t("本单位·已更换", "own, replaced"),
              "trusted": cli.t("已信任", "trusted"), "revoked": cli.t("已停用", "revoked")}
    relation = {"self": cli.t("本单位", "this office"), "parent": cli.t("上级", "parent"),
                "child": cli.t("下级", "child"), None: ""}
    for r in rows:
        since = (cli.t(f"，自 {r.revoked_at.astimezone():%Y-%m-%d %H:%M} 起", f" since {r.revoked_at.astimezone():%Y-%m-%d %H:%M}")
                 if r.revoked_at else "")
        print(f"{r.office_code}\t{r.office_name or ''}\t{relation[r.relation]}\t{r.fingerprint}\t{status[r.status]}{since}")
    return 0


def cmd_keys_rotate(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.sync.trust import rotate_keys

    with unit_of_work(cli.engine) as s:
        result = rotate_keys(s, actor_for(s))
    if cli.args.json:
        print_json(result.to_json())
        return 0
    print(cli.t(f"已生成新密钥，新指纹：{result.new_fingerprint}", f"New keys, fingerprint {result.new_fingerprint}"))
    if result.announced:
        print(cli.t("以后导出的每个数据包都带有用旧密钥签名的更换通知，上下级单位导入后自动信任新密钥。",
                    "Every bundle exported from now on announces the new key, signed with the old one."))
    else:
        print(cli.t("旧私钥不在本机，无法签发更换通知：请导出新身份文件，请上下级单位先撤销旧密钥、电话核对指纹后再信任。",
                    "The old private key is missing, so no announcement could be signed: export the new "
                    "identity and have the other offices revoke the old key and trust the new one."),
              file=sys.stderr)
    return 0


# ---- bundle and conflicts (exchange) ------------------------------------------------------


def cmd_bundle_export(cli: Cli) -> int:
    from app.care.intake import clean_leftovers
    from app.sync.exchange import export_bundle

    a = cli.args
    clean_leftovers(Path(a.out).parent)  # a killed export's temporary file (.bundle-*)
    result = export_bundle(cli.engine, to_office=a.to, out=Path(a.out), resend=a.resend, everything=a.everything)
    if a.json:
        print_json(result.to_json())
        return 0
    if result.empty:
        print(cli.t(f"已导出第 {result.sequence} 号数据包给 {result.to_office}：没有新的记录（以前的记录都已在之前的数据包中发出），"
                    f"包内只有确认信息。{result.path}",
                    f"Bundle {result.sequence} for {result.to_office}: nothing new to send (earlier records went in "
                    f"earlier bundles); acknowledgements only. {result.path}"))
    else:
        from app.models.codes import counts_text

        what = counts_text(result.counts, cli.lang)  # in words (--json keeps the table names)
        print(cli.t(f"已导出第 {result.sequence} 号数据包给 {result.to_office}：{what}。{result.path}",
                    f"Bundle {result.sequence} for {result.to_office}: {what}. {result.path}"))
    if result.unrecoverable:
        seqs = "、".join(map(str, result.unrecoverable))
        print(cli.t(f"  注意：对方没有收到本单位的第 {seqs} 号数据包。它是恢复备份之前发出的，其中的记录不在现在的数据库里，"
                    "只在恢复时保存的旧数据库副本（文件名含 before-restore）中：请找到那个数据包文件再交给对方，"
                    "或请技术支持从旧副本中取回这些记录。",
                    f"  Note: {result.to_office} never received bundle(s) {seqs}, sent before the restore: their "
                    "records are not in this database, only in the copy saved at the restore (its name has "
                    "'before-restore'). Find that bundle file and deliver it, or ask support to recover them."))
    if result.repacked:
        seqs = "、".join(map(str, result.repacked))
        print(cli.t(f"  对方没有收到本单位的第 {seqs} 号数据包，其中的记录已重新打包在这个数据包里。",
                    f"  {result.to_office} never received bundle(s) {seqs}: their records are packed in this one again."))
    elif result.everything:
        print(cli.t("  已打包对方范围内本单位存有的全部记录（连同对方自己发来的），供对方找回丢失的数据。",
                    "  Every record of its scope held here is packed, those that came from it included, "
                    "for it to get back what it lost."))
    elif result.resend:
        print(cli.t("  已重新打包对方尚未确认收到的全部记录。",
                    "  Everything the other office has not acknowledged is packed again."))
    elif result.empty:
        print(cli.t("  如果对方没有收到之前的数据包而且还没有发回任何数据包，请加 --resend 重新打包对方尚未确认的全部记录。",
                    "  If an earlier file was lost and nothing has come back yet, export with --resend."),
              file=sys.stderr)
    return 0


def cmd_bundle_import(cli: Cli) -> int:
    from app.sync.exchange import import_bundles

    a = cli.args
    results = import_bundles(cli.engine, [Path(f) for f in a.files])
    if a.json:
        print_json([r.to_json() for r in results])
    for r in results:
        if a.json:
            continue
        if not r.accepted:
            print(f"{r.file}: {cli.t(r.reason or '', r.reason_en or r.reason or '')}", file=sys.stderr)
        elif r.already_imported:
            print(f"{r.file}: {cli.t(r.reason or '', r.reason_en or r.reason or '')}")
        else:
            print(cli.t(f"{r.file}：已导入 {r.from_office} 第 {r.sequence} 号数据包：新增 {r.inserted}，更新 {r.updated}，"
                        f"未变 {r.unchanged}，冲突 {r.conflicts}，疑似重复登记 {r.duplicates}。",
                        f"{r.file}: imported bundle {r.sequence} from {r.from_office}: {r.inserted} new, "
                        f"{r.updated} updated, {r.unchanged} unchanged, {r.conflicts} conflicts, "
                        f"{r.duplicates} possible duplicates."))
        if r.accepted and r.held:
            _print_held(cli, r)
        if r.accepted and r.released:
            print(cli.t(f"  此前暂缓的 {r.released} 条记录，写它们的单位的数据已到，现已导入。",
                        f"  {r.released} record(s) held back before were taken in now that their authors' data arrived."))
        if r.accepted and r.gaps:
            gaps = ", ".join(map(str, r.gaps))
            print(cli.t(f"  注意：尚未收到 {r.from_office} 的第 {gaps} 号数据包（已先合并后面的数据包，缺的到了再导入即可；"
                        f"如果文件已经丢失，本单位下次发给 {r.from_office} 的数据包会告诉它，它的下一个数据包会重新打包其中的记录）。",
                        f"  Note: bundle(s) {gaps} from {r.from_office} have not arrived yet (import them when they "
                        f"do; if lost, the next bundle you send to {r.from_office} reports them missing and its "
                        "next bundle packs their records again)."), file=sys.stderr)
    return 0 if all(r.accepted for r in results) else 1


HELD_SHOWN = 10


def _print_held(cli: Cli, r: Any) -> None:
    """Records a bundle brought that were not taken in: said to be another office's, without
    that office's signature, or referring to a record not here. Listed, one a line."""
    from app.models.codes import table_noun

    print(cli.t(f"  暂缓 {len(r.held)} 条记录，一条也没有写入：它们写明由另一单位所写（或新建），却没有该单位的签名，"
                "或引用了本单位还没有的记录，或日期在已提交考核而锁定的半年内。等该单位自己的数据到了（或县民政局解锁后）"
                "会自动再试；如果对方是有意伪造，请电话核实。",
                f"  {len(r.held)} record(s) held back, none of it written: said to be written (or made) by another "
                "office without its signature, referring to a record not here, or dated in a half year locked by a "
                "submitted assessment. Tried again when that office's own data arrives (or the county unlocks); "
                "if it was forged on purpose, check by phone."), file=sys.stderr)
    for h in r.held[:HELD_SHOWN]:
        noun = table_noun(h["table"], "en" if cli.t("zh", "en") == "en" else "zh_CN")
        if h["reason"] == "period_locked":  # the lock's own words: the half year and who locked it
            why = cli.t(f"日期在已锁定的考核期间内，县民政局解锁后自动导入。{h['detail']}",
                        "dated in a half year locked by a submitted assessment; taken in when the county unlocks it")
        elif h["reason"] == "unproven":
            why = cli.t(f"写明为 {h['claimed']} 所写", f"said to be by {h['claimed']}")
        else:
            why = cli.t("引用的记录本单位没有", "refers to a record not here")
        print(f"    {noun} {h['id']}：{why}（{cli.t('数据来自', 'from')} {h['office']}）", file=sys.stderr)
    if len(r.held) > HELD_SHOWN:
        print(cli.t(f"    ……另有 {len(r.held) - HELD_SHOWN} 条（--json 列出全部）。",
                    f"    … and {len(r.held) - HELD_SHOWN} more (--json lists all)."), file=sys.stderr)


def cmd_conflicts(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.models.codes import field_text
    from app.sync.conflicts import REASONS, list_conflicts, resolve_conflict

    a = cli.args
    with unit_of_work(cli.engine) as s:
        if a.resolve:
            if not a.keep:
                print(cli.t("处理冲突须指定 --keep local（本单位的值）或 remote（对方的值）。",
                            "--resolve needs --keep local|remote."), file=sys.stderr)
                return 2
            resolve_conflict(s, actor_for(s), a.resolve, keep=a.keep)
        rows = list_conflicts(s, include_resolved=a.all)
        if a.reveal_id:  # full ID numbers of the conflicts shown, each reveal logged (issue 15)
            from app.sync.conflicts import reveal_conflict

            actor = actor_for(s)
            rows = [reveal_conflict(s, actor, c.id) if c.involves_id_number else c for c in rows]
        else:
            rows = [c.masked() for c in rows]
    if a.json:
        print_json([c.to_json() for c in rows])
        return 0
    def shown(v: object) -> str:
        return cli.t("（空）", "(empty)") if v is None else str(v)

    for c in rows:
        why = REASONS.get(c.reason, (c.reason, c.reason))
        who = c.recipient_name or c.record_id
        print(f"{c.id}  {field_text(c.table, c.field, cli.lang)}  {who}\t{cli.t(why[0], why[1])}")
        here, there, now = shown(c.local_value), shown(c.remote_value), shown(c.shown_value)
        print(cli.t(f"    本单位（{c.local_office}）：{here}    对方（{c.remote_office}）：{there}    现显示：{now}",
                    f"    here ({c.local_office}): {here}    other ({c.remote_office}): {there}    shown: {now}"))
    print(cli.t(f"共 {len(rows)} 个冲突", f"{len(rows)} conflicts"), file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = sub.add_parser("keys", help="本单位身份与密钥；信任、撤销上下级单位") \
        .add_subparsers(dest="action", required=True)
    s = keys.add_parser("export", help="导出本单位的公开身份（不含私钥）")
    s.add_argument("--out", required=True)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_keys_export)
    s = keys.add_parser("trust", help="信任上级或下级单位的身份文件")
    s.add_argument("file")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_keys_trust)
    s = keys.add_parser("revoke", help="撤销对某单位密钥的信任（此前签名的数据包仍有效）")
    s.add_argument("code")
    s.add_argument("--from", dest="from_date", type=parse_date, help="从这一天起拒收（默认：现在）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_keys_revoke)
    s = keys.add_parser("list", help="本单位和已信任单位的密钥")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_keys_list)
    s = keys.add_parser("rotate", help="更换本单位密钥（旧密钥签名的更换通知随以后的数据包发出）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_keys_rotate)

    bundle = sub.add_parser("bundle", help="数据包：导出给上级或下级单位，导入对方的数据包") \
        .add_subparsers(dest="action", required=True)
    s = bundle.add_parser("export", help="导出还没有发给对方的数据，以及对方报告缺少的数据包中的数据（签名并加密给对方）")
    s.add_argument("--to", required=True, help="对方单位代码")
    s.add_argument("--out", required=True)
    s.add_argument("--resend", action="store_true",
                   help="重新打包对方尚未确认收到的全部记录（数据包丢失而对方还没有发回任何数据包时用）")
    s.add_argument("--everything", action="store_true",
                   help="全部重发：对方范围内本单位存有的全部记录，连同对方自己发来的（对方数据丢失、"
                        "恢复了旧备份或换了新电脑之后用）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_bundle_export)
    s = bundle.add_parser("import", help="核验、解密并合并数据包（可一次导入多个，按先后顺序）")
    s.add_argument("files", nargs="+")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_bundle_import)
    s = sub.add_parser("conflicts", help="同步中需要由人决定的冲突")
    s.add_argument("--all", action="store_true", help="也列出已处理的")
    s.add_argument("--resolve", metavar="ID", help="处理一个冲突")
    s.add_argument("--keep", choices=["local", "remote"], help="保留本单位的值（local）或对方的值（remote）")
    s.add_argument("--reveal-id", dest="reveal_id", action="store_true",
                   help="显示冲突中完整的身份证号（默认隐去出生日期等8位；会记入查阅记录）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_conflicts)
