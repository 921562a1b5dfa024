<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../settings_dialog.py" line="45"/>
        <source>还没有备份过。请备份到 U 盘或另一个文件夹，电脑坏了或丢了数据也不会丢。</source>
        <translation>Never backed up. Back up to a USB stick or another folder, so a broken or lost laptop loses nothing.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="48"/>
        <source>上次备份：{when}（{days} 天前），备份在 {path}</source>
        <translation>Last backup: {when} ({days} days ago), in {path}</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="50"/>
        <source>。已超过 7 天，请尽快再备份一次。</source>
        <translation>. More than 7 days: please back up again soon.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="59"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="63"/>
        <source>使用人</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="66"/>
        <source>您的姓名，会记在每条记录上，如：王主任</source>
        <translation>Your name, written on every record, e.g. 王主任</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="67"/>
        <source>保存姓名</source>
        <translation>Save the name</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="72"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="78"/>
        <source>登录用户</source>
        <translation>Signed-in user</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="81"/>
        <source>记录上写的是登录的用户：{role}</source>
        <translation>Records carry the signed-in user: {role}</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="85"/>
        <source>字号</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="88"/>
        <source>标准字号</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="88"/>
        <source>大字号</source>
        <translation>Large</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="88"/>
        <source>特大字号</source>
        <translation>Largest</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="99"/>
        <source>数据安全</source>
        <translation>Keeping the data safe</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="105"/>
        <source>备份到…</source>
        <translation>Back up to…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="106"/>
        <source>把全部数据复制到一个文件夹或 U 盘</source>
        <translation>Copy all the data to a folder or USB stick</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="108"/>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="127"/>
        <source>用户与自动锁定</source>
        <translation>Users and idle lock</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="129"/>
        <source>无操作</source>
        <translation>Lock after</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="132"/>
        <source> 分钟后锁定</source>
        <translation> minutes idle</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="134"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="138"/>
        <source>用户管理…</source>
        <translation>Users…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="148"/>
        <source>已保存：无操作 {n} 分钟后自动锁定。</source>
        <translation>Saved: locks after {n} idle minutes.</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="37"/>
        <source>关爱记录</source>
        <translation>Care record</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="40"/>
        <source>正在读取……</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="49"/>
        <source>更正或作废都要写明原因，会留在修改记录里</source>
        <translation>A correction or a void needs a reason; it stays in the change history</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="50"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="51"/>
        <source>内容</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="52"/>
        <source>发现的问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="53"/>
        <source>走访所见</source>
        <translation>Seen on the visit</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="56"/>
        <source>跟进事项</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="59"/>
        <source>照片与附件</source>
        <translation>Photos and files</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="60"/>
        <source>删除所选附件…</source>
        <translation>Remove the selected file…</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="63"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="69"/>
        <source>保存更正</source>
        <translation>Save the correction</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="70"/>
        <source>作废这条记录</source>
        <translation>Void this record</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="71"/>
        <location filename="../settings_dialog.py" line="120"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="87"/>
        <source>（接通）</source>
        <translation> (reached)</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="87"/>
        <source>（未接通）</source>
        <translation> (not reached)</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="88"/>
        <source>{kind}{reached}&#x3000;记录人：{who}</source>
        <translation>{kind}{reached}   recorded by: {who}</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="94"/>
        <source>{problem}（{person}，{due} 前；{status}）</source>
        <translation>{problem} ({person}, by {due}; {status})</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="96"/>
        <source>已处置：</source>
        <translation>dealt with: </translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="96"/>
        <source>未处置</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="97"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="126"/>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="143"/>
        <source>已更正；原来的内容留在修改记录里。</source>
        <translation>Corrected; what it said before stays in the change history.</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="150"/>
        <source>已作废。</source>
        <translation>Voided.</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="153"/>
        <source>删除附件</source>
        <translation>Remove a file</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="153"/>
        <source>删除的原因（会留在修改记录里）：</source>
        <translation>Why it is removed (kept in the change history):</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="161"/>
        <source>请先选中要删除的附件。</source>
        <translation>Select the file to remove first.</translation>
    </message>
    <message>
        <location filename="../care_record_dialog.py" line="167"/>
        <source>附件已删除。</source>
        <translation>File removed.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="198"/>
        <source>已保存：以后的记录都记在“{name}”名下。</source>
        <translation>Saved: records are written as “{name}” from now on.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="207"/>
        <source>备份到哪个文件夹（可选 U 盘）</source>
        <translation>Back up into which folder (a USB stick is fine)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="220"/>
        <source>已备份到 {path}（{n} 名关爱对象）。请把 U 盘收好。</source>
        <translation>Backed up to {path} ({n} recipients). Keep the USB stick safe.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="225"/>
        <source>正在备份……</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="229"/>
        <source>选择备份文件</source>
        <translation>Choose the backup file</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="230"/>
        <source>关爱备份 (*.sqlite3);;所有文件 (*)</source>
        <translation>Guanai backups (*.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="235"/>
        <source>不能用这个文件恢复：{why}</source>
        <translation>Cannot restore from this file: {why}</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="238"/>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="239"/>
        <source>用备份文件
{path}
（{n} 名关爱对象）替换现在的全部数据？
现在的数据会先另存一份在数据库旁边，恢复之后仍可找回。</source>
        <translation>Replace all the current data with the backup
{path}
({n} recipients)?
The current data is first saved beside the database, so it can still be found afterwards.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="254"/>
        <source>正在恢复……</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="257"/>
        <source>原来的数据另存为 {path}。</source>
        <translation>The data as it was is kept as {path}.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="260"/>
        <source>已从备份恢复（{n} 名关爱对象）。</source>
        <translation>Restored from the backup ({n} recipients). </translation>
    </message>
</context>
<context>
    <name>AccessLogDialog</name>
    <message>
        <location filename="../access_log_dialog.py" line="39"/>
        <source>查阅记录</source>
        <translation>Access log</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="42"/>
        <source>谁在什么时间、哪台电脑上打开了未成年人或残疾人的档案，显示、打印或导出了完整身份证号，导入了花名册，以及每次登录。下级单位的记录随数据包上报到这里。记录至少保存三年。</source>
        <translation>Who opened a minor&apos;s or a disabled person&apos;s record, revealed, printed or exported full ID numbers, imported a roster, and every sign-in: when and on which laptop. The offices below send theirs up with their bundles. Kept at least three years.</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="47"/>
        <location filename="../access_log_dialog.py" line="76"/>
        <source>对象</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="49"/>
        <source>全部对象（输入姓名或拼音首字母选择）</source>
        <translation>Everyone (type a name or pinyin initials to choose)</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="53"/>
        <location filename="../access_log_dialog.py" line="73"/>
        <source>使用人</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="55"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="58"/>
        <source>起始日期</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="66"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="72"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="74"/>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="75"/>
        <source>事项</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="76"/>
        <source>（本机没有此人）</source>
        <translation>(not held here)</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="77"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="78"/>
        <source>电脑</source>
        <translation>Laptop</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="79"/>
        <source>说明</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="116"/>
        <source>（只显示最近 {n} 条，请用上面的条件筛选）</source>
        <translation> (only the newest {n} shown; narrow with the filters above)</translation>
    </message>
    <message>
        <location filename="../access_log_dialog.py" line="117"/>
        <source>共 {n} 条</source>
        <translation>{n} entries</translation>
    </message>
</context>
<context>
    <name>ActivitiesPage</name>
    <message>
        <location filename="../programmes/activities.py" line="144"/>
        <source>全部活动类别</source>
        <translation>All activity types</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="147"/>
        <source>搜索活动名称或地点</source>
        <translation>Search activity or place</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="148"/>
        <source>新增活动(&amp;N)</source>
        <translation>&amp;New activity</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="149"/>
        <source>登记参加人员(&amp;A)</source>
        <translation>Record &amp;attendance</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="150"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="151"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="152"/>
        <source>关爱类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="155"/>
        <source>参加人员</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="162"/>
        <location filename="../programmes/activities.py" line="175"/>
        <source>活动日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="163"/>
        <location filename="../programmes/activities.py" line="174"/>
        <source>活动类别</source>
        <translation>Activity type</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="164"/>
        <location filename="../programmes/activities.py" line="174"/>
        <source>活动名称</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="165"/>
        <location filename="../programmes/activities.py" line="175"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="166"/>
        <location filename="../programmes/activities.py" line="176"/>
        <source>参加人数</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="167"/>
        <location filename="../programmes/activities.py" line="176"/>
        <source>组织者</source>
        <translation>Organiser</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <location filename="../programmes/activities.py" line="98"/>
        <source>新增关爱活动</source>
        <translation>New care activity</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="99"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="100"/>
        <source>活动类别</source>
        <translation>Activity type</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="101"/>
        <source>活动名称</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="101"/>
        <source>如：防溺水安全教育进村</source>
        <translation>e.g. 防溺水安全教育进村</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="102"/>
        <source>活动日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="103"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="103"/>
        <source>如：村委会、乡镇综合文化站</source>
        <translation>e.g. 村委会, 乡镇综合文化站</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="104"/>
        <source>组织者</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="104"/>
        <source>如：镇卫生院、县司法局、村福利主任</source>
        <translation>e.g. 镇卫生院, 县司法局, village welfare director</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="106"/>
        <source>参加的关爱对象</source>
        <translation>Recipients attending</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="112"/>
        <source>活动类别：请选择活动类别。</source>
        <translation>Activity type: please choose a type of activity.</translation>
    </message>
</context>
<context>
    <name>AgreementsPage</name>
    <message>
        <location filename="../programmes/agreements.py" line="216"/>
        <source>扫描签字协议上的二维码，或输入协议编号后回车</source>
        <translation>Scan the QR code on a signed agreement, or type its number and press Enter</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="226"/>
        <source>扫码查找(&amp;Q)</source>
        <translation>Find by &amp;QR code</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="254"/>
        <source>把所选协议类别中所有等待签字的协议打印成一个 PDF（先说明份数和村，再问是否继续），打开 PDF 后标记为已打印</source>
        <translation>Print every agreement of the chosen kind waiting to be signed into one PDF (says how many and which villages and asks first); they are marked printed once the PDF is open</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="256"/>
        <source>撤销已打印</source>
        <translation>Undo printed</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="257"/>
        <source>标记为已打印、但没有实际打印出来的协议，在签订前可以撤销</source>
        <translation>An agreement marked printed that never came out of the printer can be set back until it is signed</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="367"/>
        <source>已标记 {n} 份为已打印。没有实际打印出来的，签订前可以选中后点“撤销已打印”。</source>
        <translation>{n} marked printed. Any that did not actually print can be selected and set back with “Undo printed” until signed.</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="369"/>
        <source>没有等待签字的“{kind}”。</source>
        <translation>No “{kind}” is waiting to be signed.</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="382"/>
        <source>正在撤销……</source>
        <translation>Undoing…</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="383"/>
        <source>协议 {number} 已改回“待打印”。</source>
        <translation>Agreement {number} is back to “to print”.</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="426"/>
        <source>二维码对应协议 {number}（{name}），但它不在本单位的协议列表中。</source>
        <translation>The QR code is agreement {number} ({name}), but it is not in this office&apos;s list of agreements.</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="243"/>
        <source>全部协议类别</source>
        <translation>All agreement types</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="249"/>
        <source>搜索：姓名、拼音首字母或身份证号后几位</source>
        <translation>Search: name, initials or ID digits</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="250"/>
        <source>起草协议(&amp;N)</source>
        <translation>&amp;New draft</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="251"/>
        <source>作废(&amp;V)…</source>
        <translation>&amp;Void…</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="252"/>
        <source>打印(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="253"/>
        <source>打印全部待签(&amp;A)</source>
        <translation>Print &amp;all pending</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="262"/>
        <source>登记签订(&amp;S)…</source>
        <translation>Record &amp;signed…</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="283"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="284"/>
        <source>{state}（{n}）</source>
        <translation>{state} ({n})</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="293"/>
        <location filename="../programmes/agreements.py" line="320"/>
        <source>关爱对象</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="294"/>
        <location filename="../programmes/agreements.py" line="320"/>
        <source>协议类别</source>
        <translation>Agreement type</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="295"/>
        <location filename="../programmes/agreements.py" line="324"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="296"/>
        <source>签订方</source>
        <translation>Signatory</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="297"/>
        <source>起草</source>
        <translation>Drafted</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="298"/>
        <source>打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="299"/>
        <source>签订</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="300"/>
        <location filename="../programmes/agreements.py" line="320"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="321"/>
        <source>监护人/赡养人</source>
        <translation>Guardian/supporter</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="321"/>
        <source>帮扶责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="322"/>
        <source>期限</source>
        <translation>Term</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="322"/>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="323"/>
        <source>不限</source>
        <translation>open-ended</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="324"/>
        <source>起草日期</source>
        <translation>Drafted on</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="325"/>
        <source>打印日期</source>
        <translation>Printed on</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="325"/>
        <source>签订日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="326"/>
        <source>签字扫描件</source>
        <translation>Signed scan</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="326"/>
        <source>已存档</source>
        <translation>On file</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="328"/>
        <source>作废原因</source>
        <translation>Reason voided</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="329"/>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="334"/>
        <source>请打印（Ctrl+P）后交签订方签字。</source>
        <translation>Print it (Ctrl+P) and give it to the parties to sign.</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="338"/>
        <source>等待签字；签字后点“登记签订”，填写签订日期并附上扫描件。</source>
        <translation>Waiting for signatures; once signed, click “Record signed”, enter the date and attach the scan.</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="361"/>
        <source>请先在上方选择协议类别，再打印该类别全部待签的协议。</source>
        <translation>Choose an agreement kind above first, then print all of that kind waiting to be signed.</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="366"/>
        <source>{kind}-待签</source>
        <translation>{kind}-pending</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="337"/>
        <source>已打印超过{days}天仍未签订，请尽快联系签订方。</source>
        <translation>Printed more than {days} days ago and still unsigned: contact the signatory soon.</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="340"/>
        <source>已签订，无需操作。</source>
        <translation>Signed; nothing to do.</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="341"/>
        <source>已作废；如需要请重新起草。</source>
        <translation>Void; draft a new one if needed.</translation>
    </message>
</context>
<context>
    <name>AidDialog</name>
    <message>
        <location filename="../log_dialogs.py" line="436"/>
        <source>记录物资帮扶</source>
        <translation>Record material aid</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="439"/>
        <source>物资</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="439"/>
        <source>送了什么，如 大米50斤、棉被1床</source>
        <translation>What was given, e.g. 25 kg rice, 1 quilt</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="440"/>
        <source>价值（元）</source>
        <translation>Value (yuan)</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="440"/>
        <source>如 120.50，不清楚可不填</source>
        <translation>e.g. 120.50; leave empty if unknown</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="441"/>
        <source>提供者</source>
        <translation>Given by</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="441"/>
        <source>哪个单位或个人提供的</source>
        <translation>Which unit or person gave it</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="442"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="442"/>
        <source>没有可不填</source>
        <translation>Optional</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <location filename="../programmes/assessments.py" line="28"/>
        <source>登记第三方评估</source>
        <translation>Record third-party assessment</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="32"/>
        <source>评估对象</source>
        <translation>Assessed person</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="33"/>
        <source>如：黎平县康宁社会工作服务中心</source>
        <translation>e.g. 黎平县康宁社会工作服务中心</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="39"/>
        <source>评估机构</source>
        <translation>Assessor</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="40"/>
        <source>评估日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="41"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="42"/>
        <source>自理能力认定</source>
        <translation>Self-care ability</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="43"/>
        <source>生活状况</source>
        <translation>Living conditions</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="43"/>
        <source>住房、饮食、独居与否等</source>
        <translation>Housing, meals, living alone or not…</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="44"/>
        <source>健康检查</source>
        <translation>Health check</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="44"/>
        <source>体检发现的问题</source>
        <translation>Problems found in the health check</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="45"/>
        <source>综合评价</source>
        <translation>Overall evaluation</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="46"/>
        <source>建议关爱措施</source>
        <translation>Recommended care</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="47"/>
        <source>如：安排互助家庭每日送热饭热菜</source>
        <translation>e.g. a mutual-aid family brings hot meals daily</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="55"/>
        <source>评估对象：请输入姓名或拼音首字母，并从下拉列表中选择一人。</source>
        <translation>Assessed person: type a name or pinyin initials and pick one person from the list.</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="57"/>
        <source>自理能力认定：请选择评估认定的自理能力。</source>
        <translation>Self-care ability: please choose the ability the assessment found.</translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message>
        <location filename="../oversight/assessment_page.py" line="138"/>
        <location filename="../oversight/assessment_page.py" line="238"/>
        <source>考核评分表</source>
        <translation>Assessment sheet</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="151"/>
        <source>评分(&amp;S)</source>
        <translation>&amp;Score</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="152"/>
        <source>提交并锁定</source>
        <translation>Submit and lock</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="154"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="155"/>
        <source>评分规则</source>
        <translation>Scoring rules</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="157"/>
        <source>打印(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="158"/>
        <source>导出全部</source>
        <translation>Export all</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="161"/>
        <location filename="../oversight/assessment_page.py" line="186"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="162"/>
        <location filename="../oversight/assessment_page.py" line="187"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="163"/>
        <location filename="../oversight/assessment_page.py" line="190"/>
        <source>总分</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="164"/>
        <location filename="../oversight/assessment_page.py" line="190"/>
        <source>等次</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="165"/>
        <source>评分人</source>
        <translation>Assessor</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="166"/>
        <source>提交日期</source>
        <translation>Submitted on</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="170"/>
        <source>未评分</source>
        <translation>Not scored</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="172"/>
        <source>已解锁</source>
        <translation>Unlocked</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="187"/>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="192"/>
        <source>锁定</source>
        <translation>Locked by</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="194"/>
        <source>解锁原因</source>
        <translation>Reason for unlocking</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="222"/>
        <source>正在提交…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="240"/>
        <source>正在生成考核评分表…</source>
        <translation>Making the assessment sheet…</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="244"/>
        <source>导出各村考核表</source>
        <translation>Export every village&apos;s sheet</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="244"/>
        <source>半年考核</source>
        <translation>Half-year assessment</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="248"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>AssessmentsPage</name>
    <message>
        <location filename="../programmes/assessments.py" line="72"/>
        <source>搜索：姓名、拼音首字母或身份证号后几位</source>
        <translation>Search: name, initials or ID digits</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="73"/>
        <source>全部自理能力</source>
        <translation>All self-care abilities</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="76"/>
        <source>登记评估(&amp;N)</source>
        <translation>&amp;New assessment</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="79"/>
        <location filename="../programmes/assessments.py" line="91"/>
        <source>评估日期</source>
        <translation>Assessed on</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="80"/>
        <location filename="../programmes/assessments.py" line="90"/>
        <source>评估对象</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="81"/>
        <location filename="../programmes/assessments.py" line="90"/>
        <source>评估机构</source>
        <translation>Assessor</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="82"/>
        <source>自理能力</source>
        <translation>Self-care ability</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="83"/>
        <location filename="../programmes/assessments.py" line="93"/>
        <source>建议关爱措施</source>
        <translation>Recommended care</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="91"/>
        <source>自理能力认定</source>
        <translation>Self-care ability</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="92"/>
        <source>生活状况</source>
        <translation>Living conditions</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="92"/>
        <source>健康检查</source>
        <translation>Health check</translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="93"/>
        <source>综合评价</source>
        <translation>Overall evaluation</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../programmes/responsibilities.py" line="42"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="30"/>
        <source>指定关爱责任人</source>
        <translation>Assign responsibility</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="34"/>
        <source>关爱对象</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="35"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="38"/>
        <source>责任类别</source>
        <translation>Responsibility</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="39"/>
        <source>责任人姓名</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="39"/>
        <source>如：龙德明</source>
        <translation>e.g. 龙德明</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="40"/>
        <source>责任人电话</source>
        <translation>Their phone</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="40"/>
        <source>手机或座机</source>
        <translation>Mobile or landline</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="41"/>
        <source>身份或关系</source>
        <translation>Role or relation</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="41"/>
        <source>如：祖父、村福利主任、班主任</source>
        <translation>e.g. grandfather, welfare director, teacher</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="49"/>
        <source>关爱对象：请输入姓名或拼音首字母，并从下拉列表中选择一人。</source>
        <translation>Recipient: type a name or pinyin initials and pick one person from the list.</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="52"/>
        <source>责任类别：请选择五类责任中的一类。</source>
        <translation>Responsibility: please choose one of the five kinds.</translation>
    </message>
</context>
<context>
    <name>AttachmentsTab</name>
    <message>
        <location filename="../attachments_view.py" line="121"/>
        <source>添加照片或扫描件…</source>
        <translation>Add photo or scan…</translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="122"/>
        <source>也可以把文件从文件夹里直接拖到这里。双击可打开查看。</source>
        <translation>You can also drag files here from a folder. Double-click to open one.</translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="123"/>
        <source>还没有附件。</source>
        <translation>No attachments yet.</translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="124"/>
        <source>删除所选…</source>
        <translation>Remove selected…</translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="125"/>
        <source>附件删除后留有记录（谁、何时、为什么）</source>
        <translation>A removed file leaves a record (who, when, why)</translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="152"/>
        <source>选择照片或扫描件</source>
        <translation>Choose photos or scans</translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="153"/>
        <source>照片和扫描件 ({patterns});;所有文件 (*)</source>
        <translation>Photos and scans ({patterns});;All files (*)</translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="162"/>
        <source>正在保存附件……</source>
        <translation>Saving attachments…</translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="165"/>
        <source>删除附件</source>
        <translation>Remove a file</translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="166"/>
        <source>删除“{name}”的原因（会留在修改记录里）：</source>
        <translation>Why “{name}” is removed (kept in the change history):</translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="181"/>
        <source>正在删除……</source>
        <translation>Removing…</translation>
    </message>
</context>
<context>
    <name>AttendanceDialog</name>
    <message>
        <location filename="../programmes/activities.py" line="123"/>
        <source>登记参加人员</source>
        <translation>Record attendance</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="125"/>
        <source>活动</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="125"/>
        <source>{date}&#x3000;{title}（{kind}），已登记 {n} 人</source>
        <translation>{date}  {title} ({kind}), {n} recorded</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="128"/>
        <source>参加的关爱对象</source>
        <translation>Recipients attending</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="134"/>
        <source>参加的关爱对象：请至少添加一人（输入姓名后从列表中选择）。</source>
        <translation>Recipients attending: add at least one (type a name, then pick from the list).</translation>
    </message>
</context>
<context>
    <name>AttendeeList</name>
    <message>
        <location filename="../programmes/activities.py" line="51"/>
        <source>输入姓名或拼音首字母，从列表中选中即加入；可连续添加</source>
        <translation>Type a name or initials; pick to add</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="56"/>
        <source>已选参加人员</source>
        <translation>Selected attendees</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="63"/>
        <source>移除选中的人</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../programmes/activities.py" line="89"/>
        <source>已选 {n} 人</source>
        <translation>{n} selected</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <location filename="../background.py" line="182"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../background.py" line="185"/>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../background.py" line="259"/>
        <location filename="../background.py" line="261"/>
        <source>无法完成</source>
        <translation>Could not finish</translation>
    </message>
    <message>
        <location filename="../background.py" line="265"/>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../background.py" line="265"/>
        <source>操作没有完成，数据未被修改。</source>
        <translation>The operation did not finish; no data was changed.</translation>
    </message>
</context>
<context>
    <name>BasicInfoPanel</name>
    <message>
        <location filename="../recipient_fields.py" line="107"/>
        <source>如 张三</source>
        <translation>e.g. 张三</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="108"/>
        <source>姓名 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="110"/>
        <source>18位，最后一位可以是 X</source>
        <translation>18 characters; the last may be X</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="116"/>
        <source>显示完整号码</source>
        <translation>Show full number</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="118"/>
        <source>显示完整的身份证号以便核对或修改（会记入查阅记录）</source>
        <translation>Show the full ID number to check or correct it (recorded in the access log)</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="126"/>
        <source>身份证号 *</source>
        <translation>ID number *</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="130"/>
        <source>确认地区码（已核对身份证原件）</source>
        <translation>Confirm the region code (ID card checked)</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="132"/>
        <source>核实情况，如：已核对身份证原件，1986年由原地签发</source>
        <translation>What was checked, e.g. the ID card itself, issued there in 1986</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="143"/>
        <source>地区码</source>
        <translation>Region code</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="151"/>
        <source>由身份证号自动得出</source>
        <translation>From ID number</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="152"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="157"/>
        <source>出生日期／性别</source>
        <translation>Birth date / sex</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="160"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="162"/>
        <source>手机11位，固话带区号</source>
        <translation>Mobile or landline</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="163"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="165"/>
        <source>家庭住址</source>
        <translation>Home address</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="170"/>
        <source>所在村 *</source>
        <translation>Village *</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="172"/>
        <source>调查日期</source>
        <translation>Surveyed on</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="174"/>
        <source>调查人</source>
        <translation>Surveyed by</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="184"/>
        <source>关爱类别 *</source>
        <translation>Categories *</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="185"/>
        <source>重点监护对象（每周电话随访）</source>
        <translation>Key monitoring (weekly phone follow-up)</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="187"/>
        <location filename="../recipient_fields.py" line="189"/>
        <location filename="../recipient_fields.py" line="221"/>
        <location filename="../recipient_fields.py" line="223"/>
        <location filename="../recipient_fields.py" line="228"/>
        <location filename="../recipient_fields.py" line="231"/>
        <location filename="../recipient_fields.py" line="234"/>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="188"/>
        <source>自理能力</source>
        <translation>Self-care ability</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="193"/>
        <source>劳动能力</source>
        <translation>Ability to work</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="194"/>
        <source>（无残疾）</source>
        <translation>(no disability)</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="196"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="198"/>
        <source>{n}级</source>
        <translation>Grade {n}</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="204"/>
        <source>残疾类别／等级</source>
        <translation>Disability / grade</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="208"/>
        <source>重大疾病</source>
        <translation>Major illnesses</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="210"/>
        <source>在校儿童填写学校</source>
        <translation>For children at school</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="211"/>
        <source>就读学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="212"/>
        <source>城镇户籍</source>
        <translation>Urban hukou</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="213"/>
        <source>集中（机构）供养</source>
        <translation>Supported in an institution</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="220"/>
        <source>户籍／供养</source>
        <translation>Hukou / support</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="221"/>
        <source>有生活来源</source>
        <translation>Has income</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="221"/>
        <source>无生活来源</source>
        <translation>No income</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="222"/>
        <source>生活来源</source>
        <translation>Income</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="223"/>
        <source>有，且能履行义务</source>
        <translation>Yes, and able to support</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="224"/>
        <source>没有，或无力履行</source>
        <translation>None, or unable to support</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="225"/>
        <source>法定赡养（抚养）人</source>
        <translation>Legal supporter</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="230"/>
        <source>父母外出情况</source>
        <translation>Parents away</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="231"/>
        <source>丈夫外出务工</source>
        <translation>Husband works away</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="231"/>
        <source>丈夫在家</source>
        <translation>Husband at home</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="233"/>
        <source>丈夫外出情况</source>
        <translation>Husband away</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="234"/>
        <source>子女都外出务工</source>
        <translation>Children all work away</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="235"/>
        <source>有子女在家</source>
        <translation>A child at home</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="237"/>
        <source>子女外出情况</source>
        <translation>Children away</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="242"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="356"/>
        <source>已输入 {n} 位，共 18 位</source>
        <translation>{n} of 18 characters</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="374"/>
        <source>地区码不在国家行政区划代码中：保存时记下您的确认和核实情况，在档案和花名册上显示。</source>
        <translation>The region code is not in GB/T 2260: saving records your confirmation and what was checked, shown on the profile and the roster.</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="400"/>
        <source>{n} 周岁</source>
        <translation>age {n}</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="452"/>
        <source>✓ 符合所选类别的条件</source>
        <translation>✓ Meets the conditions of the chosen categories</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="496"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../recipient_fields.py" line="540"/>
        <source>地区码不在国家代码表中，已由{who}于{on}确认：{note}</source>
        <translation>Region code not in GB/T 2260, confirmed by {who} on {on}: {note}</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <location filename="../log_dialogs.py" line="254"/>
        <source>记录电话随访</source>
        <translation>Record phone follow-up</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="260"/>
        <source>接通(&amp;Y)</source>
        <translation>Reached (&amp;Y)</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="261"/>
        <source>未接通(&amp;N)</source>
        <translation>&amp;Not reached</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="269"/>
        <source>是否接通</source>
        <translation>Reached?</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="276"/>
        <source>可拨打</source>
        <translation>Numbers</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="278"/>
        <source>通话内容</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="278"/>
        <source>说了什么，对方近况如何</source>
        <translation>What was said; how they are doing</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="280"/>
        <source>没有要记的（如只是问候）</source>
        <translation>Nothing to note (just a greeting)</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="282"/>
        <source>发现的问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="282"/>
        <source>没有可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="289"/>
        <source>{who} {name}：{phone}</source>
        <translation>{who} {name}: {phone}</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="290"/>
        <source>（在{place}务工）</source>
        <translation> (works in {place})</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="292"/>
        <source>没有登记电话号码</source>
        <translation>No phone number recorded</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="300"/>
        <source>通话内容：接通的电话请写几句说了什么（痕迹留存）；确实没有要记的，请勾选“没有要记的”。</source>
        <translation>Call notes: for a reached call write a few words of what was said (the record is the evidence); if there really is nothing, tick “Nothing to note”.</translation>
    </message>
</context>
<context>
    <name>CloseFollowUpDialog</name>
    <message>
        <location filename="../followup_dialog.py" line="18"/>
        <source>随访事项处置完毕</source>
        <translation>Follow-up item dealt with</translation>
    </message>
    <message>
        <location filename="../followup_dialog.py" line="20"/>
        <source>关爱对象</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../followup_dialog.py" line="21"/>
        <source>发现的问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <location filename="../followup_dialog.py" line="22"/>
        <source>处置期限</source>
        <translation>Due by</translation>
    </message>
    <message>
        <location filename="../followup_dialog.py" line="23"/>
        <source>处置日期</source>
        <translation>Dealt with on</translation>
    </message>
    <message>
        <location filename="../followup_dialog.py" line="24"/>
        <source>处置情况</source>
        <translation>What was done</translation>
    </message>
    <message>
        <location filename="../followup_dialog.py" line="24"/>
        <source>做了什么，结果如何</source>
        <translation>What was done, and the outcome</translation>
    </message>
</context>
<context>
    <name>CloseItemDialog</name>
    <message>
        <location filename="../oversight/supervision_page.py" line="90"/>
        <source>整改完成</source>
        <translation>Item done</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="92"/>
        <source>整改事项</source>
        <translation>Rectification item</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="93"/>
        <source>完成日期</source>
        <translation>Done on</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="94"/>
        <source>整改情况</source>
        <translation>What was done</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="94"/>
        <source>做了什么，证明材料在哪里</source>
        <translation>What was done, and where the evidence is</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <location filename="../oversight/review_page.py" line="43"/>
        <source>部门审核</source>
        <translation>Department review</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="43"/>
        <source>县里确定</source>
        <translation>County confirmation</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="43"/>
        <source>不予确定</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="47"/>
        <source>将对选中的 {n} 人作出同一决定：{names}</source>
        <translation>One decision for the {n} chosen: {names}</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="56"/>
        <source>审核部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="58"/>
        <source>审核意见</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="59"/>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="59"/>
        <source>如：黎民审〔2026〕12号</source>
        <translation>e.g. 黎民审〔2026〕12号</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="60"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="62"/>
        <source>不同意或不予确定时必须填写；原因会随数据包发回村里</source>
        <translation>Required to disapprove or reject; the reason goes back to the village in the bundle</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="65"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="66"/>
        <source>确认，改动 {n} 人</source>
        <translation>Confirm: change {n}</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="73"/>
        <source>文号：请填写县里决定的文号。</source>
        <translation>Document no.: enter the number of the county&apos;s decision.</translation>
    </message>
</context>
<context>
    <name>DirectorPassword</name>
    <message>
        <location filename="../recovery_code.py" line="36"/>
        <source>两次输入的密码不一致，请重新输入。</source>
        <translation>The two passwords differ; type them again.</translation>
    </message>
</context>
<context>
    <name>DraftDialog</name>
    <message>
        <location filename="../programmes/agreements.py" line="65"/>
        <source>{name}（{details}）</source>
        <translation>{name} ({details})</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="66"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="78"/>
        <source>起草协议</source>
        <translation>Draft agreement</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="81"/>
        <source>关爱对象</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="83"/>
        <source>协议类别</source>
        <translation>Agreement type</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="85"/>
        <source>监护人/赡养人</source>
        <translation>Guardian/supporter</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="89"/>
        <source>帮扶责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="91"/>
        <source>期限开始</source>
        <translation>Term starts</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="95"/>
        <source>约定截止日期</source>
        <translation>Set an end date</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="103"/>
        <source>期限截止</source>
        <translation>Term ends</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="104"/>
        <source>起草日期</source>
        <translation>Drafted on</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="107"/>
        <source>补签：确认期限从起草日期之前开始</source>
        <translation>Back-dated: I confirm the term starts before the drafting date</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="112"/>
        <location filename="../programmes/agreements.py" line="113"/>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="139"/>
        <source>关爱对象：请输入姓名或拼音首字母，并从下拉列表中选择一人。</source>
        <translation>Recipient: type a name or pinyin initials and pick one person from the list.</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="143"/>
        <source>期限截止：早于期限开始，请核对日期。</source>
        <translation>Term ends: before the term starts; check the dates.</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <location filename="../oversight/duplicates_page.py" line="31"/>
        <source>认定重复登记</source>
        <translation>Decide a possible duplicate</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="33"/>
        <source>{match}：
甲&#x3000;{a}（{a_status}）
乙&#x3000;{b}（{b_status}）</source>
        <translation>{match}:
A  {a} ({a_status})
B  {b} ({b_status})</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="39"/>
        <source>认定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="41"/>
        <source>保留甲：{p}</source>
        <translation>Keep A: {p}</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="42"/>
        <source>保留乙：{p}</source>
        <translation>Keep B: {p}</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="43"/>
        <source>同一人时保留</source>
        <translation>If the same person, keep</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="44"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="44"/>
        <source>如：核对户籍后确认</source>
        <translation>e.g. checked against the household register</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="45"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="46"/>
        <source>认定为同一人后，另一条记录标记为删除，它的历史记录都保留；决定会发给两个村。</source>
        <translation>When they are the same person, the other record is marked deleted and all its history is kept; the decision goes to both villages.</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <location filename="../oversight/duplicates_page.py" line="73"/>
        <location filename="../oversight/duplicates_page.py" line="89"/>
        <source>待认定</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="74"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="78"/>
        <source>认定…</source>
        <translation>Decide…</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="84"/>
        <source>情形</source>
        <translation>Match</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="85"/>
        <location filename="../oversight/duplicates_page.py" line="104"/>
        <source>甲</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="86"/>
        <location filename="../oversight/duplicates_page.py" line="104"/>
        <source>乙</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="88"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="89"/>
        <source>认定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="90"/>
        <source>保留</source>
        <translation>Kept</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="91"/>
        <source>认定日期</source>
        <translation>Decided on</translation>
    </message>
    <message>
        <location filename="../oversight/duplicates_page.py" line="114"/>
        <source>共 {n} 对，待认定 {open} 对</source>
        <translation>{n} pairs, {open} open</translation>
    </message>
</context>
<context>
    <name>Duties</name>
    <message>
        <location filename="../oversight/duties_page.py" line="36"/>
        <source>季度督导</source>
        <translation>Quarterly supervision</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="36"/>
        <source>久未交数据</source>
        <translation>Silent</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="37"/>
        <source>待报送县里</source>
        <translation>To forward to the county</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="37"/>
        <source>半年考核</source>
        <translation>Half-year assessment</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="38"/>
        <source>整改逾期</source>
        <translation>Rectification overdue</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="39"/>
        <source>完成率落后</source>
        <translation>Behind</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="39"/>
        <source>审核超期</source>
        <translation>Review overdue</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="48"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="48"/>
        <source>待办</source>
        <translation>To do</translation>
    </message>
</context>
<context>
    <name>DutiesPage</name>
    <message>
        <location filename="../oversight/duties_page.py" line="67"/>
        <source>全部事项</source>
        <translation>All duties</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="77"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="78"/>
        <source>事项</source>
        <translation>Duty</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="79"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="79"/>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="80"/>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="81"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="91"/>
        <source>选中一行后按 Enter：打开该乡镇各村的总览。</source>
        <translation>Select a row and press Enter: the overview of that township&apos;s villages.</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="92"/>
        <source>选中一行后按 Enter：打开该村的关爱对象和本周任务。</source>
        <translation>Select a row and press Enter to open that village&apos;s recipients and this week&apos;s tasks.</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="95"/>
        <source>查看该村(&amp;O)</source>
        <translation>&amp;Open village</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="95"/>
        <source>查看该乡镇(&amp;O)</source>
        <translation>&amp;Open township</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="103"/>
        <source>本县的工作（{day}）</source>
        <translation>The county&apos;s work ({day})</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="104"/>
        <source>本乡镇的工作（{day}）</source>
        <translation>This township&apos;s work ({day})</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="106"/>
        <source>正在读取……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="117"/>
        <source>读取失败：{error}</source>
        <translation>Could not load: {error}</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="131"/>
        <source>共 {n} 项，其中逾期 {late} 项</source>
        <translation>{n} duties, {late} overdue</translation>
    </message>
    <message>
        <location filename="../oversight/duties_page.py" line="132"/>
        <source>没有待办事项</source>
        <translation>Nothing to do</translation>
    </message>
</context>
<context>
    <name>EndDialog</name>
    <message>
        <location filename="../programmes/responsibilities.py" line="62"/>
        <source>结束关爱责任</source>
        <translation>End responsibility</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="64"/>
        <source>责任</source>
        <translation>Responsibility</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="64"/>
        <source>{name}的{kind}，责任人 {person}（{start} 起）</source>
        <translation>{kind} for {name}, by {person} (since {start})</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="66"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../export_actions.py" line="69"/>
        <source>已导出 {n} 行：
{path}</source>
        <translation>Exported {n} rows:
{path}</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="70"/>
        <source>已保存：
{path}</source>
        <translation>Saved:
{path}</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="71"/>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="73"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="74"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="102"/>
        <source>花名册</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="84"/>
        <location filename="../export_actions.py" line="103"/>
        <source>导出花名册</source>
        <translation>Export roster</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="85"/>
        <source>花名册里的身份证号默认隐去出生日期等8位，发给帮扶单位时这样就够了。

这一次要导出完整的身份证号吗？（导出完整号码会记入查阅记录，文件请妥善保管）</source>
        <translation>ID numbers in the roster are masked by default (the birth date&apos;s eight digits hidden), which is enough for an assisting unit.

Export full ID numbers this time? (A full export is recorded in the access log; keep the file safe.)</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="107"/>
        <source>正在导出花名册…</source>
        <translation>Exporting the roster…</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="119"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="128"/>
        <source>导出四个一工作台账</source>
        <translation>Export four-ones ledger</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="129"/>
        <source>四个一台账</source>
        <translation>Four-ones ledger</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="138"/>
        <source>导出督导考核数据</source>
        <translation>Export supervision and assessment figures</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="139"/>
        <source>督导考核</source>
        <translation>Supervision and assessment</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="149"/>
        <source>导出互助家庭补贴台账</source>
        <translation>Export mutual-aid subsidy ledger</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="150"/>
        <source>互助补贴台账</source>
        <translation>Mutual-aid subsidies</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="158"/>
        <source>保存空白花名册模板</source>
        <translation>Save blank roster template</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="159"/>
        <source>花名册模板</source>
        <translation>Roster template</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="162"/>
        <source>正在生成模板…</source>
        <translation>Making the template…</translation>
    </message>
</context>
<context>
    <name>FamilyDialog</name>
    <message>
        <location filename="../programmes/mutual_aid.py" line="75"/>
        <source>新增互助家庭</source>
        <translation>New mutual-aid family</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="76"/>
        <source>所在村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="77"/>
        <source>户主姓名</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="78"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="78"/>
        <source>手机号，可不填</source>
        <translation>Mobile number (optional)</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="79"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="79"/>
        <source>例如：五组，与照料对象相邻</source>
        <translation>e.g. group 5, next door to the person cared for</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="85"/>
        <source>所在村：请选择一个行政村。</source>
        <translation>Village: please choose a village.</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../file_feedback.py" line="26"/>
        <source>文件已生成</source>
        <translation>File written</translation>
    </message>
    <message>
        <location filename="../file_feedback.py" line="27"/>
        <source>文件已保存，但这台电脑没能自动打开它（可能没有安装能打开此类文件的程序）。
文件在：
{path}

可以打开所在文件夹，或复制路径后用其他程序打开。</source>
        <translation>The file was saved, but this computer could not open it (perhaps no program for this kind of file is installed).
The file is at:
{path}

You can open its folder, or copy the path and open it with another program.</translation>
    </message>
    <message>
        <location filename="../file_feedback.py" line="31"/>
        <source>打开所在文件夹</source>
        <translation>Open its folder</translation>
    </message>
    <message>
        <location filename="../file_feedback.py" line="32"/>
        <source>复制路径</source>
        <translation>Copy the path</translation>
    </message>
    <message>
        <location filename="../file_feedback.py" line="33"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../file_feedback.py" line="37"/>
        <source>文件夹也没能打开，请按上面的路径自己找到它。</source>
        <translation>The folder could not be opened either; please find the file at the path above.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../first_run.py" line="60"/>
        <source>欢迎使用关爱 —— 首次设置</source>
        <translation>Welcome to Guanai — first-time setup</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="70"/>
        <source>这台电脑上还没有设置单位。
如果只是想先看看，请点“用演示数据试用”，会生成一个示范村的数据。演示数据放在单独的文件里，不会混进本单位的正式数据；试用完在“文件”菜单里点“退出演示，设置本单位”即可。
正式使用请填写本单位的信息。</source>
        <translation>No office has been set up on this computer yet.
To look around first, click &quot;Try with demo data&quot;: it makes a demo village. The demo is kept in a file of its own and never mixes with your office&apos;s data; when you are done, choose &quot;Leave the demo and set up my office&quot; in the File menu.
To start for real, fill in your office&apos;s details.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="78"/>
        <source>用演示数据试用（一个示范村，约150名关爱对象）</source>
        <translation>Try with demo data (one demo village, about 150 care recipients)</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="82"/>
        <source>设置本单位</source>
        <translation>Set up your office</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="85"/>
        <source>行政村（福利主任）</source>
        <translation>Village (welfare director)</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="85"/>
        <source>乡镇（专职督导员）</source>
        <translation>Township (supervisor)</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="86"/>
        <source>县（民政局）</source>
        <translation>County (civil affairs bureau)</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="89"/>
        <source>统计用区划代码：村12位、乡镇9位、县6位</source>
        <translation>Village 12 digits, township 9, county 6</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="91"/>
        <source>如：岩寨村</source>
        <translation>e.g. 岩寨村</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="93"/>
        <source>上级单位代码（可不填，默认取本单位代码的前几位）</source>
        <translation>Optional; default: start of your code</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="95"/>
        <source>您的姓名，登录时用，也记在每条记录上，如：王主任</source>
        <translation>Your name, to sign in with and written on every record, e.g. Director Wang</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="98"/>
        <source>至少 8 个字符；每次打开关爱时输入</source>
        <translation>At least 8 characters; asked each time Guanai opens</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="105"/>
        <source>主任姓名（登录名）</source>
        <translation>Director (user name)</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="106"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="107"/>
        <source>再输入一次密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="179"/>
        <source>正在设置并加密……</source>
        <translation>Setting up and encrypting…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="101"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="102"/>
        <source>单位代码</source>
        <translation>Office code</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="103"/>
        <source>单位名称</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="104"/>
        <source>上级单位代码</source>
        <translation>Parent office code</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="113"/>
        <source>设置并开始使用</source>
        <translation>Set up and start</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="114"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="152"/>
        <source>正在生成演示数据……</source>
        <translation>Creating demo data…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="160"/>
        <source>单位名称：请填写本单位的名称，如“岩寨村”。</source>
        <translation>Office name: please enter your office&apos;s name, e.g. &quot;岩寨村&quot;.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../kit.py" line="170"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../kit.py" line="173"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../kit.py" line="202"/>
        <source>放弃填写的内容？</source>
        <translation>Discard what you typed?</translation>
    </message>
    <message>
        <location filename="../kit.py" line="203"/>
        <source>已经填写的内容还没有保存，关闭后会丢失。确定不保存就关闭吗？</source>
        <translation>What you typed is not saved yet and will be lost. Close without saving?</translation>
    </message>
    <message>
        <location filename="../kit.py" line="270"/>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <location filename="../forms_actions.py" line="39"/>
        <source>已生成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="40"/>
        <source>{what}已保存：
{path}</source>
        <translation>{what} saved:
{path}</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="42"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="43"/>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="44"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="79"/>
        <location filename="../forms_actions.py" line="96"/>
        <source>留守儿童登记表</source>
        <translation>child registration form</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="81"/>
        <location filename="../forms_actions.py" line="100"/>
        <source>正在生成留守儿童登记表…</source>
        <translation>Making the child registration form…</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="81"/>
        <location filename="../forms_actions.py" line="100"/>
        <source>留守儿童基本情况登记表</source>
        <translation>Left-behind child registration form</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="92"/>
        <source>留守儿童基本情况登记表（全部儿童）</source>
        <translation>Left-behind child registration forms (every child)</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="109"/>
        <source>农村留守儿童基本情况汇总表</source>
        <translation>Left-behind children summary table</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="113"/>
        <source>留守儿童汇总表</source>
        <translation>children summary</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="116"/>
        <source>正在导出汇总表…</source>
        <translation>Exporting the summary table…</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="117"/>
        <source>汇总表</source>
        <translation>Summary table</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="126"/>
        <source>报政法委的报告</source>
        <translation>Report to the political-legal committee</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="130"/>
        <location filename="../forms_actions.py" line="135"/>
        <source>政法委报告</source>
        <translation>committee report</translation>
    </message>
    <message>
        <location filename="../forms_actions.py" line="134"/>
        <source>正在生成报告…</source>
        <translation>Making the report…</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <location filename="../guide.py" line="34"/>
        <source>使用指南</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../guide.py" line="43"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../programmes/teachers.py" line="104"/>
        <source>离校对接</source>
        <translation>School-leaving handover</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="105"/>
        <source>结对</source>
        <translation>Pairing</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="106"/>
        <source>离校日期</source>
        <translation>Left school on</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="110"/>
        <source>离校原因</source>
        <translation>Reason for leaving</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="113"/>
        <source>对接的监护人</source>
        <translation>Handed over to</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="114"/>
        <source>对接日期</source>
        <translation>Handover date</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="115"/>
        <source>保存后，与老师的结对结束，该儿童不再记为在校学生。</source>
        <translation>Once saved, the teacher pairing ends and the child is no longer recorded as at school.</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="127"/>
        <source>对接日期：早于离校日期，请核对。</source>
        <translation>Handover date: before the date of leaving school; please check.</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../idle_lock.py" line="96"/>
        <source>关爱已锁定</source>
        <translation>Guanai is locked</translation>
    </message>
    <message>
        <location filename="../idle_lock.py" line="97"/>
        <source>长时间没有操作，关爱已锁定，屏幕上的数据已隐藏。请输入 {user} 的密码继续；未保存的内容仍在。</source>
        <translation>Guanai locked itself after a while without use and hides the data. Type the password of {user} to go on; unsaved input is still there.</translation>
    </message>
    <message>
        <location filename="../idle_lock.py" line="99"/>
        <source>退出关爱</source>
        <translation>Quit Guanai</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <location filename="../idle_lock.py" line="31"/>
        <source>关爱已锁定
请输入密码继续</source>
        <translation>Guanai is locked
Type the password to go on</translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <location filename="../log_dialogs.py" line="99"/>
        <source>正在读取……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="100"/>
        <source>关爱对象</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="107"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="109"/>
        <source>默认为本单位操作员</source>
        <translation>Defaults to this office&apos;s operator</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="110"/>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="169"/>
        <source>{village}，{status}</source>
        <translation>{village}, {status}</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="172"/>
        <source>{line}，重点监护对象</source>
        <translation>{line}, key monitoring</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="175"/>
        <source>目前没有应完成的{kind}</source>
        <translation>No {kind} due at present</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="177"/>
        <source>本期（{start} 至 {end}）已完成</source>
        <translation>Done ({start}–{end})</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="178"/>
        <source>本期（{start} 至 {end}）尚未完成</source>
        <translation>Not done yet ({start}–{end})</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="181"/>
        <source>此前逾期 {n} 期</source>
        <translation>{n} earlier overdue</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="191"/>
        <source>关爱对象：请输入姓名、拼音首字母或身份证号后几位，并从列表中选择一位。</source>
        <translation>Recipient: type a name, pinyin initials or the last digits of the ID number and pick one from the list.</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="203"/>
        <source>价值（元）：“{text}”不是有效的金额，请填写数字，最多两位小数，如 120.50。</source>
        <translation>Value (yuan): &quot;{text}&quot; is not a valid amount; enter a number with at most two decimals, e.g. 120.50.</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="213"/>
        <source>需要跟进处理(&amp;G)</source>
        <translation>Needs follow-up (&amp;G)</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="215"/>
        <source>谁负责处置；填了就列入待办，直到处置完毕</source>
        <translation>Who deals with it; named, it stays on the tasks until closed</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="217"/>
        <source>跟进人</source>
        <translation>Follow-up by</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="218"/>
        <source>处置期限</source>
        <translation>Due by</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="566"/>
        <source>无法记录</source>
        <translation>Cannot record</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="567"/>
        <source>“{kind}”这项工作还不能在这里记录。</source>
        <translation>&quot;{kind}&quot; cannot be recorded here yet.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main.py" line="56"/>
        <location filename="../main.py" line="76"/>
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <location filename="../main.py" line="57"/>
        <source>关爱对象</source>
        <translation>Care recipients</translation>
    </message>
    <message>
        <location filename="../main.py" line="58"/>
        <source>结对帮扶</source>
        <translation>Pairing</translation>
    </message>
    <message>
        <location filename="../main.py" line="59"/>
        <source>教师结对</source>
        <translation>Teacher pairing</translation>
    </message>
    <message>
        <location filename="../main.py" line="60"/>
        <source>互助家庭</source>
        <translation>Mutual-aid families</translation>
    </message>
    <message>
        <location filename="../main.py" line="61"/>
        <source>第三方评估</source>
        <translation>Assessments</translation>
    </message>
    <message>
        <location filename="../main.py" line="62"/>
        <source>责任分工</source>
        <translation>Responsibilities</translation>
    </message>
    <message>
        <location filename="../main.py" line="63"/>
        <source>协议</source>
        <translation>Agreements</translation>
    </message>
    <message>
        <location filename="../main.py" line="64"/>
        <source>关爱活动</source>
        <translation>Care activities</translation>
    </message>
    <message>
        <location filename="../main.py" line="65"/>
        <source>审核队列</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <location filename="../main.py" line="67"/>
        <source>重复登记</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <location filename="../main.py" line="71"/>
        <source>数据交换</source>
        <translation>Data exchange</translation>
    </message>
    <message>
        <location filename="../main.py" line="69"/>
        <source>督导</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../main.py" line="70"/>
        <source>考核</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../main.py" line="75"/>
        <source>总览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../main.py" line="154"/>
        <source>关爱 —— {name}（{level} {code}）</source>
        <translation>Guanai — {name} ({level} {code})</translation>
    </message>
    <message>
        <location filename="../main.py" line="157"/>
        <source>【演示数据】</source>
        <translation>[DEMO DATA] </translation>
    </message>
    <message>
        <location filename="../main.py" line="159"/>
        <source>&#x3000;未加密</source>
        <translation> (not encrypted)</translation>
    </message>
    <message>
        <location filename="../main.py" line="161"/>
        <source>&#x3000;—— {user}</source>
        <translation> — {user}</translation>
    </message>
    <message>
        <location filename="../main.py" line="204"/>
        <source>本单位公钥指纹：{fp}</source>
        <translation>This office&apos;s key fingerprint: {fp}</translation>
    </message>
    <message>
        <location filename="../main.py" line="249"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../main.py" line="250"/>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../main.py" line="253"/>
        <source>设置与备份(&amp;S)…</source>
        <translation>&amp;Settings and backup…</translation>
    </message>
    <message>
        <location filename="../main.py" line="257"/>
        <source>查阅记录(&amp;A)…</source>
        <translation>&amp;Access log…</translation>
    </message>
    <message>
        <location filename="../main.py" line="260"/>
        <source>保存期满的信息…</source>
        <translation>Data past its retention period…</translation>
    </message>
    <message>
        <location filename="../main.py" line="264"/>
        <source>退出演示，设置本单位(&amp;L)…</source>
        <translation>&amp;Leave the demo and set up my office…</translation>
    </message>
    <message>
        <location filename="../main.py" line="267"/>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../main.py" line="271"/>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../main.py" line="274"/>
        <source>标准字号</source>
        <translation>Normal text</translation>
    </message>
    <message>
        <location filename="../main.py" line="274"/>
        <source>大字号</source>
        <translation>Large text</translation>
    </message>
    <message>
        <location filename="../main.py" line="275"/>
        <source>特大字号</source>
        <translation>Extra large text</translation>
    </message>
    <message>
        <location filename="../main.py" line="291"/>
        <source>报表(&amp;R)</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <location filename="../main.py" line="292"/>
        <source>四个一台账（Excel）…</source>
        <translation>Four-ones ledger (Excel)…</translation>
    </message>
    <message>
        <location filename="../main.py" line="293"/>
        <source>督导考核统计（Excel 或 PDF）…</source>
        <translation>Supervision and assessment figures (Excel or PDF)…</translation>
    </message>
    <message>
        <location filename="../main.py" line="294"/>
        <source>互助家庭补贴台账（Excel）…</source>
        <translation>Mutual-aid subsidy ledger (Excel)…</translation>
    </message>
    <message>
        <location filename="../main.py" line="296"/>
        <source>导出花名册（Excel）…</source>
        <translation>Export roster (Excel)…</translation>
    </message>
    <message>
        <location filename="../main.py" line="298"/>
        <source>农村留守儿童基本情况登记表（全部儿童，PDF）…</source>
        <translation>Left-behind child registration forms (every child, PDF)…</translation>
    </message>
    <message>
        <location filename="../main.py" line="299"/>
        <source>农村留守儿童基本情况汇总表（Excel）…</source>
        <translation>Left-behind children summary table (Excel)…</translation>
    </message>
    <message>
        <location filename="../main.py" line="300"/>
        <source>报政法委的报告（PDF 或 Excel）…</source>
        <translation>Report to the political-legal committee (PDF or Excel)…</translation>
    </message>
    <message>
        <location filename="../main.py" line="307"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../main.py" line="308"/>
        <source>使用指南(&amp;G)</source>
        <translation>&amp;Guide</translation>
    </message>
    <message>
        <location filename="../main.py" line="311"/>
        <location filename="../main.py" line="371"/>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../main.py" line="313"/>
        <source>个人信息保护说明</source>
        <translation>Privacy note</translation>
    </message>
    <message>
        <location filename="../main.py" line="372"/>
        <source>Ctrl+1 … Ctrl+9&#x3000;切换页面（工作台、关爱对象……）；Ctrl+0&#x3000;数据交换
Ctrl+F&#x3000;搜索关爱对象
Ctrl+N&#x3000;新增关爱对象
Enter&#x3000;打开选中的任务或对象；在对话框里保存
F2&#x3000;记录电话随访&#x3000;F3&#x3000;记录走访&#x3000;F4&#x3000;微心愿&#x3000;F6&#x3000;物资帮扶（工作台）
Esc&#x3000;关闭对话框，不保存（已填写内容时先问）
F5&#x3000;刷新&#x3000;F1&#x3000;使用指南&#x3000;Ctrl+,&#x3000;设置与备份
Ctrl+Q&#x3000;退出</source>
        <translation>Ctrl+1 … Ctrl+9  switch pages; Ctrl+0  data exchange
Ctrl+F  search care recipients
Ctrl+N  new care recipient
Enter  open the selection; save a dialog
F2 call  F3 visit  F4 wish  F6 aid (workbench)
Esc  close a dialog without saving (asks first if you typed something)
F5  refresh  F1  guide  Ctrl+,  settings and backup
Ctrl+Q  quit</translation>
    </message>
    <message>
        <location filename="../main.py" line="536"/>
        <source>正在升级数据库（已先备份原文件）……</source>
        <translation>Upgrading the database (the old file was backed up first)…</translation>
    </message>
    <message>
        <location filename="../main.py" line="539"/>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
</context>
<context>
    <name>MatchDialog</name>
    <message>
        <location filename="../programmes/pairing.py" line="62"/>
        <source>对接到村</source>
        <translation>Match to village</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="63"/>
        <source>帮扶单位</source>
        <translation>Assisting unit</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="64"/>
        <source>对接村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="65"/>
        <source>对接日期</source>
        <translation>Matched on</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="70"/>
        <source>对接村：请选择一个行政村。</source>
        <translation>Village: please choose a village.</translation>
    </message>
</context>
<context>
    <name>MutualAidAssignDialog</name>
    <message>
        <location filename="../programmes/mutual_aid.py" line="98"/>
        <source>安排照料对象</source>
        <translation>Assign cared-for person</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="99"/>
        <source>互助家庭</source>
        <translation>Mutual-aid family</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="101"/>
        <location filename="../programmes/mutual_aid.py" line="108"/>
        <source>照料对象</source>
        <translation>Person cared for</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="103"/>
        <source>每月补贴（元）</source>
        <translation>Monthly subsidy (yuan)</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="103"/>
        <source>例如 200；没有补贴填 0</source>
        <translation>e.g. 200; 0 if there is no subsidy</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="104"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="109"/>
        <source>每月补贴</source>
        <translation>Monthly subsidy</translation>
    </message>
</context>
<context>
    <name>MutualAidPage</name>
    <message>
        <location filename="../programmes/mutual_aid.py" line="181"/>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="182"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="183"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="184"/>
        <location filename="../programmes/mutual_aid.py" line="199"/>
        <location filename="../programmes/mutual_aid.py" line="200"/>
        <location filename="../programmes/mutual_aid.py" line="209"/>
        <source>照料对象</source>
        <translation>Cared for</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="184"/>
        <location filename="../programmes/mutual_aid.py" line="238"/>
        <source>暂无</source>
        <translation>none yet</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="185"/>
        <location filename="../programmes/mutual_aid.py" line="203"/>
        <source>每月补贴</source>
        <translation>Monthly subsidy</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="186"/>
        <source>已发补贴合计</source>
        <translation>Subsidy paid</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="187"/>
        <source>最近服务</source>
        <translation>Last service</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="188"/>
        <location filename="../programmes/mutual_aid.py" line="204"/>
        <location filename="../programmes/mutual_aid.py" line="210"/>
        <location filename="../programmes/mutual_aid.py" line="218"/>
        <source>录入</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="191"/>
        <source>新增互助家庭</source>
        <translation>New mutual-aid family</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="192"/>
        <source>安排照料对象</source>
        <translation>Assign cared-for person</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="193"/>
        <source>记录服务</source>
        <translation>Record service</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="194"/>
        <source>发放补贴</source>
        <translation>Pay subsidy</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="201"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="202"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="206"/>
        <source>服务记录</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="207"/>
        <source>服务日期</source>
        <translation>Service date</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="208"/>
        <source>服务内容</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="211"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="213"/>
        <source>补贴台账</source>
        <translation>Subsidy ledger</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="214"/>
        <source>期间从</source>
        <translation>Period from</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="215"/>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="216"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="217"/>
        <source>发放日期</source>
        <translation>Paid on</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="217"/>
        <source>未发放</source>
        <translation>not paid</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="219"/>
        <source>资金来源</source>
        <translation>Funding source</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="232"/>
        <source>共 {n} 户互助家庭，正在照料 {caring} 人</source>
        <translation>{n} mutual-aid families, caring for {caring} people</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="236"/>
        <source>{head}家&#x3000;{address}&#x3000;{phone}&#x3000;正在照料：{names}</source>
        <translation>{head}&apos;s family  {address}  {phone}  caring for: {names}</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="239"/>
        <source>补贴台账：已发放 {paid} 元，未发放 {unpaid} 元（{n} 笔）</source>
        <translation>Subsidy ledger: paid {paid} yuan, not yet paid {unpaid} yuan ({n} payments)</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <location filename="../users_dialog.py" line="29"/>
        <source>工作人员（登记和关爱工作）</source>
        <translation>Clerk (registrations and care work)</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="30"/>
        <source>主任（全部，含用户管理）</source>
        <translation>Director (everything, users too)</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="31"/>
        <source>督导员（督导、整改、考核）</source>
        <translation>Supervisor (supervision, rectification, assessment)</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="32"/>
        <source>审计员（只读，查看访问记录）</source>
        <translation>Auditor (read-only, the access log)</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="46"/>
        <source>如：李文书</source>
        <translation>e.g. Clerk Li</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="47"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="52"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="53"/>
        <source>至少 8 个字符</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="55"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="56"/>
        <source>再输入一次</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="66"/>
        <source>请填写用户名。</source>
        <translation>Type a user name.</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="68"/>
        <source>两次输入的密码不一致，请重新输入。</source>
        <translation>The two passwords differ; type them again.</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <location filename="../oversight/overview_page.py" line="60"/>
        <source>久未交数据</source>
        <translation>Silent</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="68"/>
        <source>从未收到</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="69"/>
        <source>{days}天前（第{n}号）</source>
        <translation>{days} days ago (#{n})</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="75"/>
        <source>未督导</source>
        <translation>Not visited</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="81"/>
        <source>{year}年第{n}季度</source>
        <translation>{year} Q{n}</translation>
    </message>
</context>
<context>
    <name>OverviewCharts</name>
    <message>
        <location filename="../oversight/charts.py" line="28"/>
        <source>电话随访</source>
        <translation>Phone follow-ups</translation>
    </message>
    <message>
        <location filename="../oversight/charts.py" line="28"/>
        <source>实地走访</source>
        <translation>Home visits</translation>
    </message>
    <message>
        <location filename="../oversight/charts.py" line="29"/>
        <source>微心愿</source>
        <translation>Micro-wish</translation>
    </message>
    <message>
        <location filename="../oversight/charts.py" line="29"/>
        <source>物资帮扶</source>
        <translation>Material aid</translation>
    </message>
    <message>
        <location filename="../oversight/charts.py" line="70"/>
        <source>“四个一”完成率（%）</source>
        <translation>Four-ones rate (%)</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../oversight/overview_page.py" line="113"/>
        <source>← 返回上一级</source>
        <translation>← Up one level</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="114"/>
        <source>Backspace</source>
        <translation>Backspace</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="123"/>
        <source>期间(&amp;P)：</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="129"/>
        <source>汇总表…</source>
        <translation>Summary…</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="130"/>
        <source>农村留守儿童基本情况汇总表（Excel），本期</source>
        <translation>Left-behind children summary table (Excel), this period</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="133"/>
        <source>报政法委…</source>
        <translation>Committee report…</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="134"/>
        <source>报政法委的报告（PDF 或 Excel），本期</source>
        <translation>Report to the political-legal committee (PDF or Excel), this period</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="161"/>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="162"/>
        <source>对象</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="163"/>
        <source>完成率</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="165"/>
        <source>协议</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="166"/>
        <source>责任</source>
        <translation>Responsibility</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="167"/>
        <source>预警</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="168"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="169"/>
        <source>整改</source>
        <translation>Open items</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="170"/>
        <source>未督导</source>
        <translation>Not visited</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="171"/>
        <source>最近数据包</source>
        <translation>Last bundle</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="206"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="207"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="208"/>
        <source>类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="209"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="248"/>
        <source>总览：{path}</source>
        <translation>Overview: {path}</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="261"/>
        <source>正在读取……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="265"/>
        <source>正在读取各单位的情况……</source>
        <translation>Loading the units&apos; figures…</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="278"/>
        <source>读取失败：{error}</source>
        <translation>Could not load: {error}</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="286"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="286"/>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="290"/>
        <source>{period}（{start} 至 {end}）：{n} 个{level}，完成率低的在前；{silent} 个超过40天未交数据包。按 Enter 查看下一级。</source>
        <translation>{period} ({start} to {end}): {n} units ({level}), lowest rate first; {silent} silent for over 40 days. Press Enter to go down a level.</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="314"/>
        <source>{kind} {done}/{owed}</source>
        <translation>{kind} {done}/{owed}</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="316"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="317"/>
        <source>{name}：{four}。预警：{warned}。</source>
        <translation>{name}: {four}. Warnings: {warned}.</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="319"/>
        <source>本期 {n} 个村尚未督导（按 Enter 查看）。</source>
        <translation> {n} village(s) not visited in the period (Enter to see them).</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="321"/>
        <source>本期尚未督导。</source>
        <translation> Not visited in the period.</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="332"/>
        <source>关爱对象（{n}）：按 Enter 打开</source>
        <translation>Recipients ({n}): press Enter to open</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="333"/>
        <source>本周任务（{n}，其中逾期 {late}）</source>
        <translation>This week&apos;s tasks ({n}, {late} overdue)</translation>
    </message>
    <message>
        <location filename="../oversight/overview_page.py" line="335"/>
        <source>{name}的关爱对象和本周任务。Backspace 返回。</source>
        <translation>{name}: recipients and this week&apos;s tasks. Backspace goes back.</translation>
    </message>
</context>
<context>
    <name>PairDialog</name>
    <message>
        <location filename="../programmes/pairing.py" line="100"/>
        <source>结对帮扶</source>
        <translation>Pair with recipient</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="101"/>
        <source>帮扶单位</source>
        <translation>Assisting unit</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="107"/>
        <source>帮扶责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="109"/>
        <location filename="../programmes/pairing.py" line="118"/>
        <source>关爱对象</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="111"/>
        <source>结对日期</source>
        <translation>Paired on</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="117"/>
        <source>帮扶责任人：本单位还没有帮扶责任人，请先点“新增帮扶责任人”。</source>
        <translation>Responsible person: this unit has none yet; click &quot;New responsible person&quot; first.</translation>
    </message>
</context>
<context>
    <name>PairTeacherDialog</name>
    <message>
        <location filename="../programmes/teachers.py" line="50"/>
        <source>结对老师</source>
        <translation>Pair with a teacher</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="52"/>
        <location filename="../programmes/teachers.py" line="71"/>
        <source>留守儿童</source>
        <translation>Left-behind child</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="54"/>
        <source>老师姓名</source>
        <translation>Teacher&apos;s name</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="55"/>
        <source>老师电话</source>
        <translation>Teacher&apos;s phone</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="55"/>
        <source>手机号，可不填</source>
        <translation>Mobile number (optional)</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="56"/>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="57"/>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="57"/>
        <source>例如：三年级二班，可不填</source>
        <translation>e.g. grade 3 class 2 (optional)</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="58"/>
        <source>结对日期</source>
        <translation>Paired on</translation>
    </message>
</context>
<context>
    <name>PairingPage</name>
    <message>
        <location filename="../programmes/pairing.py" line="128"/>
        <source>帮扶单位</source>
        <translation>Assisting unit</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="129"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="130"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="131"/>
        <location filename="../programmes/pairing.py" line="146"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="132"/>
        <location filename="../programmes/pairing.py" line="158"/>
        <source>对接村</source>
        <translation>Villages</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="132"/>
        <location filename="../programmes/pairing.py" line="183"/>
        <source>未对接</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="133"/>
        <source>责任人</source>
        <translation>Persons</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="134"/>
        <location filename="../programmes/pairing.py" line="147"/>
        <source>在结对对象</source>
        <translation>Pairings</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="135"/>
        <location filename="../programmes/pairing.py" line="148"/>
        <location filename="../programmes/pairing.py" line="156"/>
        <location filename="../programmes/pairing.py" line="162"/>
        <source>录入</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="138"/>
        <source>新增帮扶单位</source>
        <translation>New assisting unit</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="139"/>
        <source>对接到村</source>
        <translation>Match to village</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="140"/>
        <source>新增帮扶责任人</source>
        <translation>New responsible person</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="141"/>
        <source>结对帮扶</source>
        <translation>Pair with recipient</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="143"/>
        <location filename="../programmes/pairing.py" line="153"/>
        <source>帮扶责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="144"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="145"/>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="151"/>
        <source>结对对象</source>
        <translation>Paired recipients</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="152"/>
        <source>关爱对象</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="154"/>
        <source>结对日期</source>
        <translation>Paired on</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="155"/>
        <location filename="../programmes/pairing.py" line="161"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="159"/>
        <source>行政村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="160"/>
        <source>对接日期</source>
        <translation>Matched on</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="176"/>
        <source>共 {n} 个帮扶单位，其中 {here} 个与本单位的村对接或有结对对象</source>
        <translation>{n} assisting units, {here} of them matched to our villages or pairing our recipients</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="181"/>
        <source>{name}（{kind}）&#x3000;联系人：{contact} {phone}&#x3000;对接村：{villages}&#x3000;在结对对象：{n} 人</source>
        <translation>{name} ({kind})  contact: {contact} {phone}  villages: {villages}  pairings: {n}</translation>
    </message>
</context>
<context>
    <name>Periods</name>
    <message>
        <location filename="../period_picker.py" line="36"/>
        <source>{year}年第{n}季度</source>
        <translation>Q{n} {year}</translation>
    </message>
    <message>
        <location filename="../period_picker.py" line="39"/>
        <source>{year}年上半年</source>
        <translation>H1 {year}</translation>
    </message>
    <message>
        <location filename="../period_picker.py" line="40"/>
        <source>{year}年下半年</source>
        <translation>H2 {year}</translation>
    </message>
    <message>
        <location filename="../period_picker.py" line="42"/>
        <source>{year}年{month}月</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <location filename="../period_picker.py" line="44"/>
        <source>{year}年第{week}周</source>
        <translation>Week {week}, {year}</translation>
    </message>
    <message>
        <location filename="../period_picker.py" line="67"/>
        <source>请选择期间：</source>
        <translation>Choose the period:</translation>
    </message>
    <message>
        <location filename="../period_picker.py" line="70"/>
        <source>按季度</source>
        <translation>By quarter</translation>
    </message>
    <message>
        <location filename="../period_picker.py" line="71"/>
        <source>按半年</source>
        <translation>By half year</translation>
    </message>
    <message>
        <location filename="../period_picker.py" line="72"/>
        <source>按月</source>
        <translation>By month</translation>
    </message>
    <message>
        <location filename="../period_picker.py" line="85"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../period_picker.py" line="86"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Person</name>
    <message>
        <location filename="../person_actions.py" line="21"/>
        <source>导出本人全部信息</source>
        <translation>Export everything held about this person</translation>
    </message>
    <message>
        <location filename="../person_actions.py" line="22"/>
        <location filename="../person_actions.py" line="31"/>
        <source>个人信息副本</source>
        <translation>Personal data copy</translation>
    </message>
    <message>
        <location filename="../person_actions.py" line="31"/>
        <source>正在导出本人全部信息…</source>
        <translation>Exporting everything held about this person…</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <location filename="../programmes/pairing.py" line="80"/>
        <source>新增帮扶责任人</source>
        <translation>New responsible person</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="81"/>
        <source>帮扶单位</source>
        <translation>Assisting unit</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="82"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="83"/>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="83"/>
        <source>例如：副院长，可不填</source>
        <translation>e.g. deputy director (optional)</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="84"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="84"/>
        <source>手机号，可不填</source>
        <translation>Mobile number (optional)</translation>
    </message>
</context>
<context>
    <name>Print</name>
    <message>
        <location filename="../print_actions.py" line="63"/>
        <source>花名册</source>
        <translation>roster</translation>
    </message>
    <message>
        <location filename="../print_actions.py" line="65"/>
        <source>正在生成花名册…</source>
        <translation>Making the roster…</translation>
    </message>
    <message>
        <location filename="../print_actions.py" line="74"/>
        <source>一户一档</source>
        <translation>profile</translation>
    </message>
    <message>
        <location filename="../print_actions.py" line="76"/>
        <source>正在生成一户一档…</source>
        <translation>Making the profile…</translation>
    </message>
    <message>
        <location filename="../print_actions.py" line="100"/>
        <source>正在生成协议…</source>
        <translation>Making the agreements…</translation>
    </message>
    <message>
        <location filename="../print_actions.py" line="108"/>
        <source>{name} {n} 份</source>
        <translation>{name}: {n}</translation>
    </message>
    <message>
        <location filename="../print_actions.py" line="109"/>
        <source> 等 {n} 个村</source>
        <translation> and others, {n} villages</translation>
    </message>
    <message>
        <location filename="../print_actions.py" line="111"/>
        <source>将把 {n} 份“{kind}”生成一个 PDF（{where}）。
PDF 生成并打开后，其中 {drafted} 份尚未打印的会标记为“已打印”；没有实际打印的，签订前可以选中后点“撤销已打印”。

继续吗？</source>
        <translation>{n} “{kind}” will go into one PDF ({where}).
Once the PDF is written and open, the {drafted} of them not printed before are marked printed; any that do not actually print can be set back with “Undo printed” until signed.

Continue?</translation>
    </message>
    <message>
        <location filename="../print_actions.py" line="119"/>
        <source>打印全部待签</source>
        <translation>Print all waiting to be signed</translation>
    </message>
</context>
<context>
    <name>PrivacyNoteDialog</name>
    <message>
        <location filename="../privacy_note.py" line="16"/>
        <source>个人信息保护说明</source>
        <translation>Privacy note</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="23"/>
        <source>我已阅读</source>
        <translation>I have read it</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="23"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="31"/>
        <source>收集哪些信息</source>
        <translation>What is collected</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="32"/>
        <source>关爱对象的姓名、性别、身份证号、出生日期、民族、住址、电话；家庭成员和监护人（赡养人）的姓名、关系、身份证号、电话、外出务工地；重大疾病、自理能力、劳动能力、残疾类别和等级；儿童的学校；每次电话随访、实地走访、微心愿、物资帮扶的记录和照片；责任书、结对和关爱责任。其中身份证号、健康和残疾信息以及不满十四周岁未成年人的信息属于敏感个人信息。</source>
        <translation>Care recipients&apos; name, sex, ID number, birth date, ethnicity, address and phone; the name, relation, ID number, phone and place of work of their household members and guardians (supporters); major illnesses, self-care ability, ability to work, disability type and grade; a child&apos;s school; every phone follow-up, home visit, micro-wish and delivery of aid with its photos; agreements, pairings and responsibilities. ID numbers, health and disability data and the data of children under fourteen are sensitive personal information.</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="36"/>
        <source>为什么收集</source>
        <translation>Why</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="37"/>
        <source>只为落实县里的困难群体关爱保护实施方案：确定谁是关爱对象，按期随访、走访、帮扶，安排监护和关爱责任，并接受乡镇督导和县里考核。不用于其他目的，不出售，不公开。</source>
        <translation>Only to carry out the county&apos;s implementation plan for the care of people in hardship: deciding who is a care recipient, calling, visiting and helping them on time, arranging guardianship and responsibilities, and being supervised by the township and assessed by the county. Not used for anything else, never sold, never published.</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="39"/>
        <source>谁能看到</source>
        <translation>Who sees it</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="40"/>
        <source>本村的福利主任；乡镇专职督导员和民政办（本乡镇各村）；县民政局及参与审核的残联、团委、妇联等部门（全县）。帮扶单位和帮扶责任人只收到与其结对对象有关的花名册，身份证号打码显示。数据包在单位之间传递时经过签名和加密，只有收件单位能打开。</source>
        <translation>The village&apos;s welfare director; the township&apos;s supervisor and civil-affairs office (the township&apos;s villages); the county civil-affairs bureau and the departments that review recipients — disabled persons&apos; federation, youth league, women&apos;s federation (the whole county). Assisting units and their responsible persons receive only the roster of the people paired with them, with masked ID numbers. Bundles between offices are signed and encrypted so that only the addressee can open them.</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="43"/>
        <source>保存多久</source>
        <translation>How long it is kept</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="44"/>
        <source>对象在册期间一直保存。对象退出后满县里规定的年限（默认5年）时，删除其身份证号、姓名、电话、住址、疾病、残疾等敏感信息以及家庭成员和监护人的个人信息，只保留不能识别本人的类别、村和日期用于统计；删除前先列出名单，由福利主任确认后执行，并随数据包通知上级单位一并删除。</source>
        <translation>As long as the person is in the register. When the person has left it for the period the county sets (default 5 years), their ID number, name, phone, address, illnesses, disability and other sensitive fields and the personal data of their household members and guardians are removed; only what cannot identify them (category, village, dates) is kept for the statistics. The people due are listed first, the welfare director confirms the removal, and it travels in the bundles so the offices above remove the data too.</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="47"/>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="48"/>
        <source>《中华人民共和国个人信息保护法》第十三条（为履行法定职责或法定义务所必需）、第二十八条和第三十一条（敏感个人信息和未成年人信息须有特定目的和充分必要性，并采取严格保护措施）、第五十一条（加密、权限管理、培训和审计）、第五十五条和第五十六条（处理敏感个人信息前进行影响评估并记录）；县困难群体关爱保护实施方案。</source>
        <translation>Personal Information Protection Law of the PRC: art. 13 (necessary to perform statutory duties or obligations), arts. 28 and 31 (sensitive data and minors&apos; data only for a specific purpose, when sufficiently necessary, under strict protection), art. 51 (encryption, access control, training and audit), arts. 55 and 56 (impact assessment and records before processing sensitive data); the county&apos;s implementation plan for the care of people in hardship.</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="52"/>
        <source>本人的权利和如何行使</source>
        <translation>Your rights and how to use them</translation>
    </message>
    <message>
        <location filename="../privacy_note.py" line="53"/>
        <source>依个人信息保护法第四十四条至第四十七条，本人（未成年人由其监护人）有权知道本单位保存了哪些信息，查阅和复制（福利主任可在对象档案中点“导出本人全部信息”，生成一份 PDF 或 Excel 交给本人），发现错误时要求更正（改动留有记录），以及在法定情形下要求删除。请向本村福利主任提出，或向乡镇民政办、县民政局提出；收到后应及时答复。</source>
        <translation>Under arts. 44 to 47 of the law, a person (for a minor, their guardian) may know what the office keeps about them, read and copy it (the welfare director clicks “Export everything held about this person” on the person&apos;s record and hands over the PDF or Excel file), have mistakes corrected (every change is kept in the history), and have data deleted where the law provides. Ask the village welfare director, or the township civil-affairs office or the county civil-affairs bureau; they must answer promptly.</translation>
    </message>
</context>
<context>
    <name>ProtectExistingDialog</name>
    <message>
        <location filename="../protect_existing.py" line="50"/>
        <source>保护本单位的数据</source>
        <translation>Protect the office&apos;s data</translation>
    </message>
    <message>
        <location filename="../protect_existing.py" line="58"/>
        <source>花名册里有关爱对象的身份证号、家庭和健康等敏感个人信息，现在这个数据库文件没有加密，谁拷走都能打开。设置主任的密码后，这台电脑上的数据库文件会被加密，以后每次打开关爱都要输入密码。</source>
        <translation>The register holds sensitive personal data of the people in care (ID numbers, family and health), and this database file is not encrypted: anyone who copies it can open it. Setting the director&apos;s password encrypts the database file on this laptop; from then on Guanai asks for the password each time it opens.</translation>
    </message>
    <message>
        <location filename="../protect_existing.py" line="65"/>
        <source>至少 8 个字符；每次打开关爱时输入</source>
        <translation>At least 8 characters; asked each time Guanai opens</translation>
    </message>
    <message>
        <location filename="../protect_existing.py" line="68"/>
        <source>主任姓名（登录名）</source>
        <translation>Director (user name)</translation>
    </message>
    <message>
        <location filename="../protect_existing.py" line="69"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../protect_existing.py" line="70"/>
        <source>再输入一次密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../protect_existing.py" line="76"/>
        <source>设置密码并加密</source>
        <translation>Set the password and encrypt</translation>
    </message>
    <message>
        <location filename="../protect_existing.py" line="77"/>
        <source>以后再说</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../protect_existing.py" line="95"/>
        <source>正在加密数据库……</source>
        <translation>Encrypting the database…</translation>
    </message>
</context>
<context>
    <name>RecipientDialog</name>
    <message>
        <location filename="../recipient_form.py" line="126"/>
        <source>基本信息</source>
        <translation>Basic info</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="136"/>
        <source>家庭成员与监护人</source>
        <translation>Family, guardians</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="136"/>
        <source>关爱记录</source>
        <translation>Care record</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="137"/>
        <source>结对帮扶</source>
        <translation>Pairings</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="137"/>
        <source>关爱责任</source>
        <translation>Responsibilities</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="138"/>
        <source>协议</source>
        <translation>Agreements</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="138"/>
        <source>评估</source>
        <translation>Assessments</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="139"/>
        <source>状态记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="139"/>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="140"/>
        <source>修改记录</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="162"/>
        <source>记录关爱工作…</source>
        <translation>Record care work…</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="168"/>
        <source>打印一户一档</source>
        <translation>Print profile</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="172"/>
        <source>打印留守儿童登记表</source>
        <translation>Print child registration form</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="177"/>
        <source>导出本人全部信息…</source>
        <translation>Export everything about this person…</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="179"/>
        <source>本人或其监护人要求查阅、复制时：把本单位保存的此人全部信息写入一个 PDF 或 Excel 文件</source>
        <translation>When the person or their guardian asks to see or copy their data: everything this office holds about the person, in one PDF or Excel file</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="187"/>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="189"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="215"/>
        <source>所在村：请选择关爱对象所在的行政村。</source>
        <translation>Village: please choose the recipient&apos;s village.</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="227"/>
        <source>没有需要保存的修改。</source>
        <translation>No changes to save.</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="235"/>
        <location filename="../recipient_form.py" line="237"/>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="245"/>
        <source>已登记。可以继续填写家庭成员、监护人和附件。</source>
        <translation>Registered. You can go on to add family members, guardians and attachments.</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="247"/>
        <source>已保存（{time}）</source>
        <translation>Saved ({time})</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="255"/>
        <source>已取消，没有保存。</source>
        <translation>Cancelled; nothing was saved.</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="262"/>
        <location filename="../recipient_form.py" line="411"/>
        <source>没有保存，请按红字提示修改。</source>
        <translation>Not saved: please correct what is marked in red.</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="365"/>
        <source>登记关爱对象</source>
        <translation>Register care recipient</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="366"/>
        <source>新登记的关爱对象（状态：已调查）。带 * 的必须填写。</source>
        <translation>A newly registered care recipient (status: surveyed). Fields marked * are required.</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="385"/>
        <source>正在读取档案……</source>
        <translation>Loading the file…</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="429"/>
        <source>此对象的档案由{village}负责登记：您在这里的修改会发给该村，但如果村里也改了同一项，以村里的为准。需要更正时，最好请村福利主任修改。</source>
        <translation>This record is kept by {village}: your changes are sent to the village, but where the village changes the same field, the village&apos;s value wins. For a correction, best ask the village director.</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="462"/>
        <source>关爱对象档案：{name}</source>
        <translation>Care recipient: {name}</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="463"/>
        <source>★重点监护&#x3000;</source>
        <translation>★ Key monitoring  </translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="464"/>
        <source>{name}&#x3000;{star}状态：{status}（{date}）</source>
        <translation>{name}  {star}Status: {status} ({date})</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="501"/>
        <source>请先保存</source>
        <translation>Save first</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="502"/>
        <source>基本信息有修改还没保存。请先按“保存”，再{step}。</source>
        <translation>The basic information has unsaved changes. Press &quot;Save&quot; first, then {step}.</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="542"/>
        <source>还没保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="542"/>
        <source>有修改还没保存。要保存吗？</source>
        <translation>There are unsaved changes. Save them?</translation>
    </message>
</context>
<context>
    <name>RecipientPicker</name>
    <message>
        <location filename="../picker.py" line="31"/>
        <source>输入姓名、拼音首字母或身份证号后几位，然后从列表中选择</source>
        <translation>Name, initials or ID digits, then pick</translation>
    </message>
</context>
<context>
    <name>RecipientTabs</name>
    <message>
        <location filename="../recipient_tabs.py" line="55"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="55"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="102"/>
        <location filename="../recipient_tabs.py" line="150"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="102"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="103"/>
        <location filename="../recipient_tabs.py" line="153"/>
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="104"/>
        <source>接通</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="105"/>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="106"/>
        <source>需跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="107"/>
        <location filename="../recipient_tabs.py" line="179"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="108"/>
        <source>还没有关爱记录。用下方“记录关爱工作”按钮记录电话随访、走访、微心愿或物资帮扶。</source>
        <translation>No care recorded yet. Use &quot;Record care work&quot; below to record a phone follow-up, home visit, micro-wish or material aid.</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="114"/>
        <source>教师结对</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="114"/>
        <source>帮扶责任人</source>
        <translation>Assisting unit</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="116"/>
        <location filename="../recipient_tabs.py" line="319"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="116"/>
        <source>单位／学校</source>
        <translation>Unit / school</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="117"/>
        <location filename="../recipient_tabs.py" line="192"/>
        <location filename="../recipient_tabs.py" line="227"/>
        <location filename="../recipient_tabs.py" line="311"/>
        <location filename="../recipient_tabs.py" line="319"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="117"/>
        <location filename="../recipient_tabs.py" line="125"/>
        <location filename="../recipient_tabs.py" line="312"/>
        <location filename="../recipient_tabs.py" line="320"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="118"/>
        <location filename="../recipient_tabs.py" line="126"/>
        <location filename="../recipient_tabs.py" line="322"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="119"/>
        <location filename="../recipient_tabs.py" line="126"/>
        <location filename="../recipient_tabs.py" line="322"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="120"/>
        <source>还没有结对。结对在“结对帮扶”和“教师结对”页面安排。</source>
        <translation>No pairings yet. Pairings are made on the Pairing and Teacher pairing pages.</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="124"/>
        <source>责任</source>
        <translation>Responsibility</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="124"/>
        <source>责任人</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="125"/>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="127"/>
        <source>还没有落实关爱责任。责任在“责任分工”页面安排。</source>
        <translation>No responsibilities assigned yet. They are assigned on the Responsibilities page.</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="131"/>
        <location filename="../recipient_tabs.py" line="172"/>
        <source>协议</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="131"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="132"/>
        <location filename="../recipient_tabs.py" line="151"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="133"/>
        <source>起草日期</source>
        <translation>Drafted on</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="134"/>
        <source>签订日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="135"/>
        <source>还没有协议。协议在“协议”页面起草、打印和标记签订。</source>
        <translation>No agreements yet. Agreements are drafted, printed and marked signed on the Agreements page.</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="139"/>
        <source>评估日期</source>
        <translation>Assessed on</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="139"/>
        <source>评估机构</source>
        <translation>Assessor</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="140"/>
        <source>自理能力</source>
        <translation>Self-care ability</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="141"/>
        <source>评估意见</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="142"/>
        <source>建议措施</source>
        <translation>Recommended care</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="143"/>
        <source>还没有第三方评估。评估在“第三方评估”页面录入。</source>
        <translation>No third-party assessments yet. They are entered on the Assessments page.</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="150"/>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="151"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="152"/>
        <source>意见</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="152"/>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="153"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="154"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="155"/>
        <source>没有状态记录。</source>
        <translation>No status history.</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="169"/>
        <source>基本信息</source>
        <translation>Basic data</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="169"/>
        <source>监护人</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="171"/>
        <source>关爱记录</source>
        <translation>Care record</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="172"/>
        <source>关爱责任</source>
        <translation>Responsibility</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="173"/>
        <source>附件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="173"/>
        <source>跟进事项</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="174"/>
        <source>新建</source>
        <translation>created</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="175"/>
        <source>删除/作废</source>
        <translation>removed/voided</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="175"/>
        <source>更正</source>
        <translation>corrected</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="176"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="177"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="178"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="180"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="181"/>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="182"/>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="183"/>
        <source>没有修改记录。</source>
        <translation>No changes recorded.</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="190"/>
        <source>修改家庭成员</source>
        <translation>Edit family member</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="190"/>
        <location filename="../recipient_tabs.py" line="325"/>
        <source>添加家庭成员</source>
        <translation>Add family member</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="193"/>
        <location filename="../recipient_tabs.py" line="228"/>
        <source>与本人关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="194"/>
        <location filename="../recipient_tabs.py" line="226"/>
        <location filename="../recipient_tabs.py" line="229"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="195"/>
        <location filename="../recipient_tabs.py" line="230"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="196"/>
        <location filename="../recipient_tabs.py" line="313"/>
        <source>外出务工</source>
        <translation>Works away</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="197"/>
        <location filename="../recipient_tabs.py" line="314"/>
        <source>务工地点</source>
        <translation>Works at</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="198"/>
        <source>能履行监护／照料责任</source>
        <translation>Able to act as guardian / carer</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="199"/>
        <source>身份证号（可不填）</source>
        <translation>ID number (optional)</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="200"/>
        <location filename="../recipient_tabs.py" line="315"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="201"/>
        <source>如 浙江宁波某电子厂</source>
        <translation>e.g. an electronics factory in Ningbo, Zhejiang</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="223"/>
        <source>修改监护人</source>
        <translation>Edit guardian</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="223"/>
        <location filename="../recipient_tabs.py" line="326"/>
        <source>添加监护人</source>
        <translation>Add guardian</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="225"/>
        <source>监护类型</source>
        <translation>Guardianship</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="231"/>
        <location filename="../recipient_tabs.py" line="321"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="232"/>
        <location filename="../recipient_tabs.py" line="323"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="233"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="235"/>
        <source>已结束</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="242"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="174"/>
        <location filename="../recipient_tabs.py" line="273"/>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="274"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="170"/>
        <location filename="../recipient_tabs.py" line="310"/>
        <source>家庭成员</source>
        <translation>Family members</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="311"/>
        <location filename="../recipient_tabs.py" line="320"/>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="315"/>
        <source>能监护</source>
        <translation>Can care</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="316"/>
        <source>还没有登记家庭成员。外出的父母、子女请写明务工地点和电话。</source>
        <translation>No family members yet. For parents or children working away, give where they work and their phone.</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="318"/>
        <source>监护人／赡养人</source>
        <translation>Guardians / supporters</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="324"/>
        <source>还没有登记监护人。父母都外出的留守儿童必须登记委托照护人。</source>
        <translation>No guardians yet. A left-behind child whose parents are both away must have an entrusted carer.</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="365"/>
        <source>删除家庭成员“{name}”？删除会留有记录。</source>
        <translation>Delete family member &quot;{name}&quot;? The deletion is kept in the history.</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="370"/>
        <source>删除监护人“{name}”？只在登记错了时删除；不再监护的请改为填写结束日期。</source>
        <translation>Delete guardian &quot;{name}&quot;? Only delete a mistaken entry; for a guardian who stopped, enter an end date instead.</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="375"/>
        <source>确认删除</source>
        <translation>Confirm deletion</translation>
    </message>
    <message>
        <location filename="../recipient_tabs.py" line="379"/>
        <source>正在删除……</source>
        <translation>Deleting…</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <location filename="../sign_in.py" line="124"/>
        <source>用恢复码找回密码</source>
        <translation>Recover with the recovery code</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="127"/>
        <source>请输入设置时打印的恢复码（5 组，每组 5 个字母或数字，不分大小写），再设置新密码。数据不受任何影响。</source>
        <translation>Type the recovery code printed at setup (5 groups of 5 letters or digits, any case), then a new password. No data changes.</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="135"/>
        <source>至少 8 个字符</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="137"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="138"/>
        <source>恢复码</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="139"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="140"/>
        <source>再输入一次</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="145"/>
        <source>设置新密码并登录</source>
        <translation>Set the new password and sign in</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="146"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="153"/>
        <source>两次输入的新密码不一致，请重新输入。</source>
        <translation>The two new passwords differ; type them again.</translation>
    </message>
</context>
<context>
    <name>RecoveryCodePage</name>
    <message>
        <location filename="../recovery_code.py" line="47"/>
        <source>设置完成。请保管好恢复码</source>
        <translation>Set up. Keep the recovery code safe</translation>
    </message>
    <message>
        <location filename="../recovery_code.py" line="51"/>
        <source>本单位的数据已加密，只有用密码才能打开。如果忘记了密码，只能用下面的恢复码找回。
恢复码只显示这一次：请打印出来或抄在纸上，交乡镇妥善保管，不要存在这台电脑里。</source>
        <translation>The office&apos;s data is encrypted and opens only with a password. A forgotten password can only be recovered with the code below.
It is shown only this once: print it or write it down and hand it to the township; do not keep it on this computer.</translation>
    </message>
    <message>
        <location filename="../recovery_code.py" line="62"/>
        <source>打印恢复码…</source>
        <translation>Print the recovery code…</translation>
    </message>
    <message>
        <location filename="../recovery_code.py" line="65"/>
        <source>我已打印或抄写好恢复码，会交乡镇妥善保管</source>
        <translation>I have printed or written down the recovery code and will hand it to the township</translation>
    </message>
    <message>
        <location filename="../recovery_code.py" line="67"/>
        <source>开始使用</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../recovery_code.py" line="86"/>
        <source>&lt;h2&gt;关爱 恢复码&lt;/h2&gt;&lt;p&gt;单位：{office}&lt;/p&gt;&lt;p&gt;主任：{director}&lt;/p&gt;&lt;p style=&apos;font-size:24pt; font-family:monospace&apos;&gt;{code}&lt;/p&gt;&lt;p&gt;忘记密码时，用此恢复码设置新密码。请交乡镇妥善保管。&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Guanai recovery code&lt;/h2&gt;&lt;p&gt;Office: {office}&lt;/p&gt;&lt;p&gt;Director: {director}&lt;/p&gt;&lt;p style=&apos;font-size:24pt; font-family:monospace&apos;&gt;{code}&lt;/p&gt;&lt;p&gt;With this code a forgotten password can be replaced. Keep it at the township.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../programmes/registers_common.py" line="115"/>
        <source>详细信息</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../programmes/registers_common.py" line="217"/>
        <source>共 {total} 条，只显示最近的 {shown} 条；请用筛选或搜索缩小范围。</source>
        <translation>{total} records; only the latest {shown} are shown. Filter or search to narrow them down.</translation>
    </message>
    <message>
        <location filename="../programmes/registers_common.py" line="220"/>
        <source>共 {total} 条</source>
        <translation>{total} records</translation>
    </message>
    <message>
        <location filename="../programmes/registers_common.py" line="240"/>
        <source>（没有选中的记录）</source>
        <translation>(no record selected)</translation>
    </message>
</context>
<context>
    <name>ResponsibilitiesPage</name>
    <message>
        <location filename="../programmes/responsibilities.py" line="79"/>
        <source>搜索：姓名、拼音首字母或身份证号后几位</source>
        <translation>Search: name, initials or ID digits</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="80"/>
        <source>全部责任类别</source>
        <translation>All responsibilities</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="82"/>
        <source>当前在任</source>
        <translation>Current</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="83"/>
        <location filename="../programmes/responsibilities.py" line="118"/>
        <source>已结束</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="84"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="88"/>
        <source>指定责任人(&amp;N)</source>
        <translation>&amp;Assign</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="89"/>
        <source>结束责任(&amp;E)</source>
        <translation>&amp;End</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="94"/>
        <location filename="../programmes/responsibilities.py" line="119"/>
        <source>关爱对象</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="95"/>
        <location filename="../programmes/responsibilities.py" line="119"/>
        <source>责任类别</source>
        <translation>Responsibility</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="96"/>
        <location filename="../programmes/responsibilities.py" line="120"/>
        <source>责任人</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="97"/>
        <location filename="../programmes/responsibilities.py" line="120"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="98"/>
        <location filename="../programmes/responsibilities.py" line="121"/>
        <source>身份或关系</source>
        <translation>Role or relation</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="99"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="100"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="114"/>
        <source>不能自理、尚未落实责任的对象（点姓名即可指定）：{names}</source>
        <translation>Unable to care for themselves and no responsibility assigned yet (click a name to assign): {names}</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="118"/>
        <source>在任</source>
        <translation>Current</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="121"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="122"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../programmes/responsibilities.py" line="122"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <location filename="../retention_dialog.py" line="35"/>
        <source>保存期满的信息</source>
        <translation>Data past its retention period</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="43"/>
        <source>到期日</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="43"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="43"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="44"/>
        <source>类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="44"/>
        <source>退出日期</source>
        <translation>Exited</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="49"/>
        <source>删除已到期对象的敏感信息…</source>
        <translation>Remove the sensitive data of those due…</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="55"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="75"/>
        <source>（将到期）</source>
        <translation> (coming)</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="80"/>
        <source>县里规定：对象退出满 {years} 年后删除其身份证号、姓名、电话、住址、疾病、残疾等敏感信息以及家庭成员和监护人的个人信息，只保留类别、村和日期用于统计。已到期 {due} 人；另列出 {soon} 天内将到期的。</source>
        <translation>County rule: {years} years after a person exits, their ID number, name, phone, address, illnesses, disability and the personal data of their household and guardians are removed; only categories, village and dates stay for the statistics. Due now: {due}; also listed: those due within {soon} days.</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="84"/>
        <source>删除由对象所在村的福利主任执行，删除后随村里的数据包报上来；这里只能查看。</source>
        <translation>The village welfare director removes them; the removal reaches this office in the village&apos;s bundle. This office can only look.</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="91"/>
        <source>{name} {n} 人</source>
        <translation>{name} {n}</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="93"/>
        <source> 等 {n} 个村</source>
        <translation> and others, {n} villages</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="94"/>
        <source>将删除退出已满 {years} 年的 {n} 人（{where}）的身份证号、姓名、电话、住址、民族、疾病、残疾、自理和劳动能力、学校、备注，以及他们家庭成员和监护人的个人信息；出生日期只保留年份。

类别、村、日期和关爱记录保留，统计数字不变。修改记录只写明删除了哪些项，不保留原值。删除会随下一个数据包报给乡镇和县，由它们一并删除。

此操作不能撤销。确定删除吗？</source>
        <translation>This removes, for the {n} people who exited more than {years} years ago ({where}), their ID number, name, phone, address, ethnicity, illnesses, disability, self-care and work ability, school and notes, and the personal data of their household members and guardians; the birth date keeps only its year.

Categories, village, dates and care records stay, and the figures do not change. The change history says which fields were removed, not what they held. The removal travels in the next bundle to the township and the county, which remove the data too.

This cannot be undone. Remove the data?</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="103"/>
        <source>删除保存期满的信息</source>
        <translation>Remove data past its retention period</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="114"/>
        <source>正在删除保存期满的信息…</source>
        <translation>Removing data past its retention period…</translation>
    </message>
    <message>
        <location filename="../retention_dialog.py" line="118"/>
        <source>已匿名 {n} 人。</source>
        <translation>Anonymised {n}.</translation>
    </message>
</context>
<context>
    <name>ReviewQueuePage</name>
    <message>
        <location filename="../oversight/review_page.py" line="95"/>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="97"/>
        <source>等待：</source>
        <translation>Waiting for:</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="101"/>
        <source>部门审核…</source>
        <translation>Department review…</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="101"/>
        <source>县里确定…</source>
        <translation>Confirm…</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="102"/>
        <source>不予确定…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="109"/>
        <source>按住 Ctrl 或 Shift 点选多人，Ctrl+A 全选；超过 {days} 天的标红。</source>
        <translation>Ctrl- or Shift-click to choose several, Ctrl+A for all; red: waiting over {days} days.</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="113"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="114"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="115"/>
        <source>类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="116"/>
        <source>上报日期</source>
        <translation>Reported on</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="117"/>
        <source>已等天数</source>
        <translation>Days waiting</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="118"/>
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="119"/>
        <source>等待</source>
        <translation>Waiting for</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="119"/>
        <source>县里决定</source>
        <translation>County&apos;s decision</translation>
    </message>
    <message>
        <location filename="../oversight/review_page.py" line="137"/>
        <source>共 {n} 人等待审核或决定，其中 {late} 人超过 {days} 天</source>
        <translation>{n} waiting for review or decision, {late} of them over {days} days</translation>
    </message>
</context>
<context>
    <name>RosterImport</name>
    <message>
        <location filename="../roster_import_dialog.py" line="44"/>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="44"/>
        <source>可导入</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="45"/>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="45"/>
        <source>重复</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="46"/>
        <location filename="../roster_import_dialog.py" line="164"/>
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="57"/>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="57"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="58"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="58"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="59"/>
        <source>类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="59"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="156"/>
        <source>读取</source>
        <translation>Read</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="156"/>
        <source>同义列，也读取</source>
        <translation>Same meaning, read too</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="157"/>
        <source>记入备注</source>
        <translation>Kept in notes</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="158"/>
        <source>不导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="162"/>
        <source>花名册</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="162"/>
        <source>监护人</source>
        <translation>Guardians</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="163"/>
        <source>家庭成员</source>
        <translation>Family members</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <location filename="../roster_import_dialog.py" line="173"/>
        <source>从 Excel 导入花名册</source>
        <translation>Import roster from Excel</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="180"/>
        <source>选择村里现有的花名册（.xlsx、.xls 或 .csv）</source>
        <translation>Choose the village&apos;s roster (.xlsx, .xls or .csv)</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="181"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="183"/>
        <source>保存空白模板…</source>
        <translation>Save blank template…</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="191"/>
        <source>有任何一行被拒绝就一行也不导入</source>
        <translation>Import nothing if any row is refused</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="192"/>
        <source>县里已确定的名册，决定文号：</source>
        <translation>Roster confirmed by the county, decision no.:</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="194"/>
        <source>如 黎民发〔2026〕12号</source>
        <translation>e.g. 黎民发〔2026〕12号</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="205"/>
        <source>选择文件后，这里先列出每一行能否导入；确认无误再点“导入”。</source>
        <translation>Choose a file: every row is listed here with whether it can be imported; then click Import.</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="210"/>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="212"/>
        <source>全部行</source>
        <translation>All rows</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="213"/>
        <source>被拒绝的行</source>
        <translation>Refused rows</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="214"/>
        <source>重复的行</source>
        <translation>Duplicate rows</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="215"/>
        <source>可以导入的行</source>
        <translation>Rows that can be imported</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="226"/>
        <location filename="../roster_import_dialog.py" line="229"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="226"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="226"/>
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="226"/>
        <source>隐藏</source>
        <translation>Hidden</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="227"/>
        <source>处理</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="227"/>
        <source>说明</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="229"/>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="229"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="229"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="230"/>
        <source>对象身份证号</source>
        <translation>Recipient&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="230"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="233"/>
        <source>逐行结果</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="234"/>
        <source>工作表和列</source>
        <translation>Sheets and columns</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="235"/>
        <source>监护人和家庭成员</source>
        <translation>Guardians and family members</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="240"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="244"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="255"/>
        <source>选择花名册</source>
        <translation>Choose roster</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="256"/>
        <source>花名册 (*.xlsx *.xls *.csv)</source>
        <translation>Roster (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="323"/>
        <source>未识别的列（内容记入备注）：{cols}。</source>
        <translation>Columns not recognised (kept in the notes): {cols}. </translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="326"/>
        <source>共 {n} 个工作表，导入 {m} 个</source>
        <translation>{n} sheets, {m} imported</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="328"/>
        <source>，跳过：{names}（原因见“工作表和列”）。</source>
        <translation>; skipped: {names} (see Sheets and columns). </translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="329"/>
        <source>。</source>
        <translation>. </translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="331"/>
        <source>CSV 编码：{enc}。</source>
        <translation>CSV encoding: {enc}. </translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="333"/>
        <source>监护人和家庭成员表中有 {n} 行被拒绝。</source>
        <translation>{n} lines of the guardian and family member sheets refused. </translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="342"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="342"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="342"/>
        <source>（格式不记录）</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="345"/>
        <source>（整个工作表）</source>
        <translation>(whole sheet)</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="347"/>
        <source>读取 {n} 行</source>
        <translation>{n} rows read</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="357"/>
        <source>监护人和家庭成员（{n}）</source>
        <translation>Guardians and family members ({n})</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="274"/>
        <source>正在检查 {name} …</source>
        <translation>Checking {name}…</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="296"/>
        <source>正在检查花名册…</source>
        <translation>Checking the roster…</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="296"/>
        <source>正在导入花名册…</source>
        <translation>Importing the roster…</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="311"/>
        <source>已导入 {n} 人。被拒绝 {r} 行，重复 {d} 行：改正后再导入同一个文件，只会添加新的行。</source>
        <translation>Imported {n} people. {r} rows refused, {d} duplicates: fix them and import the same file again; only the new rows are added.</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="316"/>
        <source>有 {r} 行被拒绝，按要求一行也没有导入。请改正后重新选择文件。</source>
        <translation>{r} rows were refused, so nothing was imported, as asked. Fix them and choose the file again.</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="319"/>
        <source>表头在第 {rows} 行。</source>
        <translation>Header in row {rows}. </translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="320"/>
        <source>可以导入 {n} 行，被拒绝 {r} 行，重复 {d} 行（已登记或表内重复，不会再导入）。</source>
        <translation>{n} rows can be imported, {r} refused, {d} duplicates (already registered or repeated in the file; not imported again).</translation>
    </message>
    <message>
        <location filename="../roster_import_dialog.py" line="372"/>
        <source>已取消，数据未被修改。</source>
        <translation>Cancelled; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../roster_model.py" line="50"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="50"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="50"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="50"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="51"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="51"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="51"/>
        <source>重点监护</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="51"/>
        <source>所在村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="52"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="91"/>
        <location filename="../roster_model.py" line="114"/>
        <source>正在查找……</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="176"/>
        <source>※ 地区码不在国家代码表中，已由主任确认：{note}</source>
        <translation>※ Region code not in GB/T 2260, confirmed by the director: {note}</translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="187"/>
        <source>★ 重点</source>
        <translation>★ Key</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../roster_page.py" line="43"/>
        <source>搜索：姓名、拼音首字母（如 zs）、身份证号后几位或电话</source>
        <translation>Search: name, pinyin initials (e.g. zs), last digits of ID, or phone</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="46"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="50"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="53"/>
        <source>只看重点监护</source>
        <translation>Key monitoring only</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="54"/>
        <source>只看逾期未关爱</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="61"/>
        <source>新增对象 (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="62"/>
        <source>打开 (Enter)</source>
        <translation>Open (Enter)</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="63"/>
        <source>记录电话随访</source>
        <translation>Phone follow-up</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="64"/>
        <source>记录走访</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="66"/>
        <source>表格与打印</source>
        <translation>Sheets and printing</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="142"/>
        <source>从 Excel 导入花名册…</source>
        <translation>Import roster from Excel…</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="143"/>
        <source>下载空白花名册模板…</source>
        <translation>Save blank roster template…</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="145"/>
        <source>导出花名册（Excel）…</source>
        <translation>Export roster (Excel)…</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="146"/>
        <source>打印花名册（PDF）</source>
        <translation>Print roster (PDF)</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="169"/>
        <source>打印花名册</source>
        <translation>Print roster</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="170"/>
        <source>全县花名册有上千页。请先在名单中选中一人，将打印其所在村的花名册；全县名单请用“导出花名册（Excel）”。</source>
        <translation>The whole county&apos;s roster runs to thousands of pages. Select a person first to print the roster of their village; for the whole county use &quot;Export roster (Excel)&quot;.</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="213"/>
        <source>共 {n} 人</source>
        <translation>{n} people</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="213"/>
        <source>正在计数……</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="261"/>
        <source>打开档案</source>
        <translation>Open file</translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="264"/>
        <source>记录：{kind}</source>
        <translation>Record: {kind}</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <location filename="../oversight/assessment_page.py" line="85"/>
        <source>考核评分规则</source>
        <translation>Assessment scoring rules</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="88"/>
        <source>修改随县里的数据包下发到乡镇和村；草稿重新评分时按新规则计分，已提交的考核保持原来的分数。</source>
        <translation>Changes travel down in the county&apos;s bundles; a draft scored again uses the new rules, a submitted assessment keeps its scores.</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="91"/>
        <source>按数据计分</source>
        <translation>From the figures</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="91"/>
        <source>人工评分</source>
        <translation>By hand</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="91"/>
        <source>等次分数线</source>
        <translation>Grade threshold</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="96"/>
        <source> 分</source>
        <translation> pts</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="97"/>
        <source>等次的最低总分</source>
        <translation>The lowest total of the grade</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="97"/>
        <source>该项满分</source>
        <translation>What the item is worth</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="108"/>
        <source>评分项合计</source>
        <translation>Items together</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="114"/>
        <source>{n} 分</source>
        <translation>{n} pts</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="116"/>
        <source>（不是 100 分，等次按总分计）</source>
        <translation> (not 100; grades read from the total)</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="132"/>
        <source>评分规则没有改动。</source>
        <translation>Nothing was changed in the rules.</translation>
    </message>
</context>
<context>
    <name>SchoolFileDialog</name>
    <message>
        <location filename="../programmes/teachers.py" line="84"/>
        <source>添加在校档案记录</source>
        <translation>Add school file entry</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="85"/>
        <source>结对</source>
        <translation>Pairing</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="86"/>
        <source>关爱内容</source>
        <translation>Type of care</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="87"/>
        <source>记录日期</source>
        <translation>Recorded on</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="88"/>
        <source>具体情况</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="88"/>
        <source>例如：与学生谈心，了解学习和生活情况</source>
        <translation>e.g. talked with the pupil about school and life</translation>
    </message>
</context>
<context>
    <name>ScoreDialog</name>
    <message>
        <location filename="../oversight/assessment_page.py" line="42"/>
        <source>考核评分：{name}（{period}）</source>
        <translation>Score {name} ({period})</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="50"/>
        <source> 分（满分 {n}）</source>
        <translation> points (of {n})</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="51"/>
        <source>评分说明</source>
        <translation>Note on the score</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <location filename="../programmes/mutual_aid.py" line="123"/>
        <source>记录互助服务</source>
        <translation>Record mutual-aid service</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="124"/>
        <source>互助家庭</source>
        <translation>Mutual-aid family</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="129"/>
        <source>照料对象</source>
        <translation>Person cared for</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="131"/>
        <source>服务内容</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="132"/>
        <source>服务日期</source>
        <translation>Service date</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="133"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="133"/>
        <source>例如：本月每日送热饭热菜，可不填</source>
        <translation>e.g. hot meals every day this month (optional)</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="138"/>
        <source>照料对象：这户还没有照料对象，请先点“安排照料对象”。</source>
        <translation>Person cared for: this family cares for no one yet; click &quot;Assign cared-for person&quot; first.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../main.py" line="455"/>
        <source>退出演示</source>
        <translation>Leave the demo</translation>
    </message>
    <message>
        <location filename="../main.py" line="456"/>
        <source>退出演示数据，开始设置本单位的正式数据库？
演示数据保留在单独的文件里，不会带入正式数据。</source>
        <translation>Leave the demo data and set up your office&apos;s own database?
The demo stays in its own file and is not carried into your data.</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <location filename="../programmes/agreements.py" line="170"/>
        <source>登记签订</source>
        <translation>Record signed agreement</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="172"/>
        <source>协议</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="172"/>
        <source>{number}&#x3000;{kind}&#x3000;{name}</source>
        <translation>{number}  {kind}  {name}</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="174"/>
        <source>签订日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="178"/>
        <source>签字后协议的扫描件或照片（PDF、JPG、PNG）</source>
        <translation>Scan or photo of the signed agreement (PDF, JPG, PNG)</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="179"/>
        <source>选择文件(&amp;F)…</source>
        <translation>Choose &amp;file…</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="183"/>
        <source>扫描件</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="187"/>
        <source>选择签字协议的扫描件</source>
        <translation>Choose the scan of the signed agreement</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="188"/>
        <source>扫描件 (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="197"/>
        <source>扫描件：请选择签字后协议的扫描件或照片，作为签订的凭证。</source>
        <translation>Scan: choose the scan or photo of the signed agreement, as evidence of the signing.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../sign_in.py" line="63"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="64"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="69"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="70"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="73"/>
        <source>忘记密码…</source>
        <translation>Forgot the password…</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="85"/>
        <source>请填写用户名和密码。</source>
        <translation>Type the user name and password.</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="88"/>
        <source>正在核对密码……</source>
        <translation>Checking the password…</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="182"/>
        <source>关爱 —— 登录</source>
        <translation>Guanai — sign in</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="183"/>
        <source>本单位的数据受密码保护。请输入您的用户名和密码。</source>
        <translation>The office&apos;s data is protected by a password. Type your user name and password.</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../recipient_steps.py" line="19"/>
        <source>上报县里审核</source>
        <translation>Report to county</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="20"/>
        <source>录入部门审核意见</source>
        <translation>Enter review</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="21"/>
        <source>确定为关爱对象</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="22"/>
        <source>不予确定</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="23"/>
        <source>退出关爱</source>
        <translation>Exit care</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="34"/>
        <source>{step}：{name}</source>
        <translation>{step}: {name}</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="36"/>
        <source>上报后，由县民政局会同相关部门审核。</source>
        <translation>Once reported, the county civil affairs bureau reviews it with the departments concerned.</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="37"/>
        <source>录入县里各部门的审核意见；各相关部门都审核后才能确定。</source>
        <translation>Enter each county department&apos;s review; the person can be confirmed once every department concerned has reviewed.</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="38"/>
        <source>确定后，此人列入关爱对象名册，开始“四个一”关爱。</source>
        <translation>Once confirmed, the person joins the roster of care recipients and the &quot;four ones&quot; begin.</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="39"/>
        <source>不予确定须写明原因；补充材料后可以重新上报。</source>
        <translation>A rejection needs a reason; the person can be reported again with more evidence.</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="40"/>
        <source>退出后不再安排关爱，历史记录全部保留。</source>
        <translation>After exit no more care is scheduled; all history is kept.</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="50"/>
        <source>审核部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="53"/>
        <source>同意</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="54"/>
        <source>不同意</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="55"/>
        <source>审核意见</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="57"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="57"/>
        <source>原因（不同意时必填）</source>
        <translation>Reason (required to reject)</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="62"/>
        <source>年满16周岁</source>
        <translation>Turned 16</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="62"/>
        <source>父母返乡，不再留守</source>
        <translation>Parents came home</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="62"/>
        <source>迁出本村</source>
        <translation>Moved away</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="63"/>
        <source>已去世</source>
        <translation>Died</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="63"/>
        <source>情况好转，不再符合条件</source>
        <translation>Circumstances improved; no longer eligible</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="64"/>
        <source>退出原因</source>
        <translation>Reason for exit</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="66"/>
        <source>县里决定的文号</source>
        <translation>County document no.</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="67"/>
        <source>如 民发〔2026〕12号</source>
        <translation>e.g. 民发〔2026〕12号</translation>
    </message>
    <message>
        <location filename="../recipient_steps.py" line="68"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
</context>
<context>
    <name>SubsidyDialog</name>
    <message>
        <location filename="../programmes/mutual_aid.py" line="152"/>
        <source>发放补贴</source>
        <translation>Pay subsidy</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="154"/>
        <source>互助家庭</source>
        <translation>Mutual-aid family</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="155"/>
        <source>补贴期间 从</source>
        <translation>Period from</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="156"/>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="159"/>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="159"/>
        <source>例如 600.00</source>
        <translation>e.g. 600.00</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="160"/>
        <source>发放日期</source>
        <translation>Paid on</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="164"/>
        <source>资金来源</source>
        <translation>Funding source</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="170"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
</context>
<context>
    <name>SupervisionPage</name>
    <message>
        <location filename="../oversight/supervision_page.py" line="45"/>
        <source>整改事项第 {n} 行：写成“事项；期限（如 2026-12-31）；责任人”。</source>
        <translation>Rectification items, line {n}: write “item; deadline (e.g. 2026-12-31); person”.</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="104"/>
        <source>督导记录</source>
        <translation>Supervision visit</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="109"/>
        <source>全部季度</source>
        <translation>All quarters</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="114"/>
        <source>只看未整改</source>
        <translation>Open items only</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="118"/>
        <source>记录督导(&amp;N)</source>
        <translation>&amp;New visit</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="119"/>
        <source>整改完成(&amp;D)</source>
        <translation>Item &amp;done</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="120"/>
        <source>打印督导记录表(&amp;P)</source>
        <translation>&amp;Print record</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="123"/>
        <location filename="../oversight/supervision_page.py" line="140"/>
        <source>督导日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="124"/>
        <location filename="../oversight/supervision_page.py" line="139"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="125"/>
        <location filename="../oversight/supervision_page.py" line="140"/>
        <source>督导人员</source>
        <translation>Supervisors</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="126"/>
        <location filename="../oversight/supervision_page.py" line="145"/>
        <source>整改事项</source>
        <translation>Rectification item</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="126"/>
        <source>（无整改事项）</source>
        <translation>(no rectification items)</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="127"/>
        <location filename="../oversight/supervision_page.py" line="145"/>
        <source>期限</source>
        <translation>Term</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="128"/>
        <location filename="../oversight/supervision_page.py" line="145"/>
        <source>责任人</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="129"/>
        <location filename="../oversight/supervision_page.py" line="146"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="139"/>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="141"/>
        <source>检查内容</source>
        <translation>What was checked</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="141"/>
        <source>督导时的数据</source>
        <translation>Figures at the visit</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="142"/>
        <source>发现的问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="142"/>
        <source>未发现问题</source>
        <translation>No findings</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="146"/>
        <source>整改情况</source>
        <translation>What was done</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="147"/>
        <source>完成日期</source>
        <translation>Done on</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="171"/>
        <source>督导记录表</source>
        <translation>supervision-record</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="174"/>
        <source>正在生成督导记录表…</source>
        <translation>Making the supervision record…</translation>
    </message>
</context>
<context>
    <name>SupervisionVisitDialog</name>
    <message>
        <location filename="../oversight/supervision_page.py" line="55"/>
        <source>记录督导</source>
        <translation>Record a supervision visit</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="58"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="59"/>
        <source>督导日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="60"/>
        <source>督导人员</source>
        <translation>Supervisors</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="60"/>
        <source>如：李明、王芳</source>
        <translation>e.g. 李明、王芳</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="61"/>
        <source>检查内容</source>
        <translation>What was checked</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="61"/>
        <source>台账、走访照片、协议签订、责任落实、预警处置</source>
        <translation>registers, visit photos, agreements, responsibilities, warnings</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="63"/>
        <source>发现的问题，一行一条</source>
        <translation>Findings, one a line</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="65"/>
        <source>发现的问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="67"/>
        <source>一行一项：事项；期限（如 2026-12-31）；村责任人</source>
        <translation>One a line: item; deadline (e.g. 2026-12-31); person at the village</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="69"/>
        <source>整改事项</source>
        <translation>Rectification item</translation>
    </message>
    <message>
        <location filename="../oversight/supervision_page.py" line="81"/>
        <source>村：请选择督导的村。</source>
        <translation>Village: choose the village visited.</translation>
    </message>
</context>
<context>
    <name>SupportPages</name>
    <message>
        <location filename="../programmes/common.py" line="56"/>
        <source>进行中</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../programmes/common.py" line="57"/>
        <source>已结束（{date}）</source>
        <translation>Ended ({date})</translation>
    </message>
    <message>
        <location filename="../programmes/common.py" line="61"/>
        <source>{amount} 元</source>
        <translation>{amount} yuan</translation>
    </message>
    <message>
        <location filename="../programmes/common.py" line="67"/>
        <source>{what}：请输入姓名或拼音首字母，再从下拉列表中选定一人。</source>
        <translation>{what}: type a name or pinyin initials, then pick one person from the list.</translation>
    </message>
    <message>
        <location filename="../programmes/common.py" line="206"/>
        <source>共 {n} 条</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="66"/>
        <source>{what}：请填写金额（元），例如 300 或 300.50。</source>
        <translation>{what}: enter an amount in yuan, e.g. 300 or 300.50.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../sync_page.py" line="55"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="57"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="57"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="66"/>
        <source>本单位·在用</source>
        <translation>This office, in use</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="66"/>
        <source>本单位·已更换</source>
        <translation>This office, replaced</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="67"/>
        <source>已信任</source>
        <translation>Trusted</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="67"/>
        <source>已停用</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="71"/>
        <location filename="../sync_page.py" line="150"/>
        <source>本单位</source>
        <translation>This office</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="71"/>
        <source>上级</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="72"/>
        <source>下级</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="171"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="246"/>
        <source>关爱对象</source>
        <translation>Care recipient</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="81"/>
        <source>拒收</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="83"/>
        <source>已导入过，无改动</source>
        <translation>Imported before, nothing changed</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="84"/>
        <source>已接收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="92"/>
        <source>暂缓 {n} 条记录，未写入：写明由其他单位所写（或新建）却没有该单位的签名，或引用的记录本单位还没有；该单位自己的数据到了会再试（如 {first}）</source>
        <translation>{n} record(s) held back, not written: said to be written (or made) by another office without its signature, or referring to a record not here; tried again when that office&apos;s own data arrives (e.g. {first})</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="96"/>
        <source>此前暂缓的 {n} 条记录现已导入</source>
        <translation>{n} record(s) held back before were taken in</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="98"/>
        <source>尚缺对方第 {n} 号数据包，收到后请导入；如已丢失，本单位下次发给对方的数据包会告诉对方，对方的下一个数据包会重新打包其中的记录</source>
        <translation>Bundle(s) {n} from the other office have not arrived: import them when they do. If lost, the next bundle you send reports them missing and the other office packs their records again</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="125"/>
        <source>身份与信任</source>
        <translation>Identity and trust</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="126"/>
        <source>导出与导入</source>
        <translation>Export and import</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="127"/>
        <location filename="../sync_page.py" line="223"/>
        <location filename="../sync_page.py" line="309"/>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="152"/>
        <source>公钥指纹</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="154"/>
        <source>把身份文件交给上级或下级单位后，请打电话念出这串指纹，请对方逐组核对。</source>
        <translation>After giving the identity file to the parent or a child office, read this fingerprint to them by phone and have them check it group by group.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="160"/>
        <source>导出本单位身份文件…</source>
        <translation>Export this office&apos;s identity…</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="161"/>
        <source>信任身份文件…</source>
        <translation>Trust an identity file…</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="162"/>
        <source>撤销所选单位…</source>
        <translation>Revoke the selected office…</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="163"/>
        <source>更换本单位密钥…</source>
        <translation>Replace this office&apos;s keys…</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="167"/>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="168"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="169"/>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="170"/>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="172"/>
        <source>信任时间</source>
        <translation>Trusted on</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="173"/>
        <source>停用时间</source>
        <translation>Revoked from</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="184"/>
        <source>发给</source>
        <translation>Send to</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="188"/>
        <source>导出数据包…</source>
        <translation>Export a bundle…</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="189"/>
        <source>导入数据包…</source>
        <translation>Import bundles…</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="193"/>
        <source>重新打包对方尚未确认的全部记录</source>
        <translation>Pack again everything the other office has not acknowledged</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="195"/>
        <source>平时不用勾选：数据包里是以前没有发过的记录，以及对方报告没有收到的数据包中的记录。如果发出的数据包丢失了，而对方还没有发回任何数据包，请勾选后再导出。</source>
        <translation>Usually left unticked: a bundle holds the records not sent before, and those of bundles the other office reported missing. If a bundle you sent was lost and nothing has come back from the other office yet, tick this and export again.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="200"/>
        <source>全部重发（对方数据丢失后用）</source>
        <translation>Send everything (after the other office lost its data)</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="202"/>
        <source>平时不用勾选：对方的电脑坏了、恢复了旧备份或换了新电脑，丢了数据时，勾选后导出，数据包里是本单位存有的、属于对方范围的全部记录（连同对方自己以前发来的），对方导入后就找回来了。</source>
        <translation>Leave unticked normally. When the other office lost data (its computer broke, an old backup was restored, a new laptop), tick it and export: the bundle holds every record of its scope this office has, those it sent here included, and importing it gets them back.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="216"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="217"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="218"/>
        <source>来自</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="219"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="220"/>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="221"/>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="222"/>
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="224"/>
        <source>疑似重复</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="225"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="238"/>
        <source>保留本单位的值</source>
        <translation>Keep this office&apos;s value</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="239"/>
        <source>采用对方的值</source>
        <translation>Take the other office&apos;s value</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="241"/>
        <source>显示完整号码</source>
        <translation>Show full number</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="247"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="248"/>
        <source>本单位的值</source>
        <translation>This office&apos;s value</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="249"/>
        <source>对方的值</source>
        <translation>Other office&apos;s value</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="250"/>
        <source>现在显示</source>
        <translation>Shown now</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="251"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="258"/>
        <source>与{name}：已发出 {sent} 个数据包，对方确认到第 {acked} 号；已收到对方第 {received} 号。</source>
        <translation>{name}: {sent} bundles sent, acknowledged up to number {acked}; received its bundles up to number {received}.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="261"/>
        <source>尚缺对方第 {n} 号。</source>
        <translation> Its bundle(s) {n} have not arrived.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="263"/>
        <source>对方没有收到本单位第 {n} 号，下次导出会重新打包。</source>
        <translation> It never received our bundle(s) {n}: the next export packs them again.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="309"/>
        <source>冲突（{n}）</source>
        <translation>Conflicts ({n})</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="340"/>
        <source>选择要导入的数据包</source>
        <translation>Choose the bundles to import</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="341"/>
        <source>关爱数据包 (*.guanai);;所有文件 (*)</source>
        <translation>Guanai bundles (*.guanai);;All files (*)</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="345"/>
        <source>选择对方的身份文件</source>
        <translation>Choose the other office&apos;s identity file</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="346"/>
        <source>身份文件 (*.json);;所有文件 (*)</source>
        <translation>Identity files (*.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="363"/>
        <source>无法完成</source>
        <translation>Could not be done</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="380"/>
        <source>导出本单位身份文件</source>
        <translation>Export this office&apos;s identity</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="381"/>
        <source>身份文件 (*.json)</source>
        <translation>Identity files (*.json)</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="393"/>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="394"/>
        <source>已导出身份文件：{path}

指纹：{fp}

文件里只有公钥，可以用U盘或微信发给对方；发出后请打电话念出指纹，请对方核对。</source>
        <translation>Identity file exported: {path}

Fingerprint: {fp}

The file holds public keys only: send it by USB stick or messenger, then read the fingerprint to the other office by phone so they can check it.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="398"/>
        <source>正在导出……</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="415"/>
        <source>核对指纹后再信任</source>
        <translation>Compare the fingerprint before trusting</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="416"/>
        <source>身份文件：{name}（{code}）

指纹：{fp}

请现在打电话，请对方念出其指纹，逐组核对。
全部一致才点“是”信任；有任何一组不同，请点“否”，并向对方核实。</source>
        <translation>Identity file: {name} ({code})

Fingerprint: {fp}

Please call them now and have them read out their fingerprint, group by group.
Answer Yes to trust only if every group matches; if any differs, answer No and check with them.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="428"/>
        <source>{relation}单位 {name}（{code}）已信任过，没有变化。</source>
        <translation>{relation} office {name} ({code}) was trusted already: nothing changed.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="429"/>
        <source>已信任{relation}单位 {name}（{code}）。</source>
        <translation>Trusted the {relation} office {name} ({code}).</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="430"/>
        <source>信任单位</source>
        <translation>Trust an office</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="423"/>
        <source>正在信任……</source>
        <translation>Trusting…</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="431"/>
        <source>指纹：{fp}</source>
        <translation>Fingerprint: {fp}</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="439"/>
        <source>撤销信任</source>
        <translation>Revoke trust</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="440"/>
        <source>撤销对 {name}（{code}）密钥的信任？
指纹：{fp}

此后它签发的数据包将被拒收，之前签发的仍然有效。只有在对方密钥丢失、泄露或电话核对指纹不一致时才需要撤销。</source>
        <translation>Revoke the trust in the key of {name} ({code})?
Fingerprint: {fp}

Bundles it signs from now on are refused; those signed before stay valid. Revoke only when its key was lost or leaked, or the fingerprint did not match on the phone.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="451"/>
        <source>正在撤销……</source>
        <translation>Revoking…</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="454"/>
        <source>更换本单位密钥</source>
        <translation>Replace this office&apos;s keys</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="455"/>
        <source>生成新的密钥？旧密钥仍保留，用于打开以前的数据包；以后导出的数据包会附带用旧密钥签名的更换通知，上下级单位导入后自动信任新密钥。

只有在电脑可能泄露或按规定定期更换时才需要。</source>
        <translation>Make new keys? The old ones are kept to open earlier bundles; every bundle exported from now on carries a notice signed with the old key, and the parent and child offices trust the new key when they import it.

Only needed when this computer may have been compromised, or when the rules ask for regular replacement.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="466"/>
        <source>新指纹：{fp}</source>
        <translation>New fingerprint: {fp}</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="468"/>
        <source>旧私钥不在本机，无法签发更换通知：请导出新的身份文件，请上下级单位撤销旧密钥、电话核对指纹后信任新文件。</source>
        <translation>The old private key is not on this computer, so no notice could be signed: export the new identity file and have the parent and child offices revoke the old key, check the fingerprint by phone and trust the new file.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="470"/>
        <source>已更换密钥</source>
        <translation>Keys replaced</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="472"/>
        <source>正在生成密钥……</source>
        <translation>Making keys…</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="483"/>
        <source>导出数据包</source>
        <translation>Export a bundle</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="483"/>
        <source>关爱数据包 (*.guanai)</source>
        <translation>Guanai bundles (*.guanai)</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="502"/>
        <source>已导出第 {seq} 号数据包：没有新的记录（以前的记录都已在之前的数据包中发出），包里只有确认信息，仍请发给对方。</source>
        <translation>Exported bundle {seq}: no new records (earlier records went in earlier bundles). It carries acknowledgements only; send it all the same.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="505"/>
        <source>已导出第 {seq} 号数据包：{counts}。</source>
        <translation>Bundle {seq} exported: {counts}.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="508"/>
        <source>注意：对方没有收到第 {n} 号数据包。它是恢复备份之前发出的，其中的记录不在现在的数据库里，只在恢复时保存的旧数据库副本（文件名含 before-restore）中：请找到那个数据包文件再交给对方，或请技术支持从旧副本中取回。</source>
        <translation>Note: the other office never received bundle {n}, sent before the backup was restored. Its records are not in this database, only in the copy saved at the restore (its name has &quot;before-restore&quot;): find that bundle file and deliver it, or ask support to recover them from the copy.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="512"/>
        <source>对方没有收到第 {n} 号数据包，其中的记录已重新打包。</source>
        <translation> The other office never received bundle(s) {n}: their records are packed again.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="515"/>
        <source>已打包对方范围内本单位存有的全部记录（连同对方自己发来的），供对方找回丢失的数据。</source>
        <translation>Every record of its scope held here is packed, those that came from it included, for it to get back what it lost.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="517"/>
        <source>已重新打包对方尚未确认的全部记录。</source>
        <translation> Everything the other office has not acknowledged is packed again.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="522"/>
        <source>正在导出数据包……</source>
        <translation>Exporting the bundle…</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="545"/>
        <source>共 {n} 个文件：接收 {ok} 个，拒收 {bad} 个。</source>
        <translation>{n} files: {ok} accepted, {bad} refused.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="547"/>
        <source>新出现 {c} 处冲突，请到“冲突”页决定。</source>
        <translation> {c} new conflicts: decide them on the Conflicts tab.</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="550"/>
        <source>暂缓 {h} 条无法证实由谁所写的记录（见“说明”一栏），未写入。</source>
        <translation>{h} record(s) whose author could not be proven were held back, not written (see the Note column).</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="554"/>
        <source>正在检查并导入数据包……</source>
        <translation>Checking and importing the bundles…</translation>
    </message>
    <message>
        <location filename="../sync_page.py" line="588"/>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>TaskModel</name>
    <message>
        <location filename="../workbench.py" line="91"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="91"/>
        <source>重点监护</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="91"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="92"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="92"/>
        <source>工作</source>
        <translation>Work</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="92"/>
        <source>应完成期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="93"/>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="119"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="119"/>
        <source>待处置</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="121"/>
        <source>逾期 {n} 期</source>
        <translation>{n} overdue</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="121"/>
        <source>本期待办</source>
        <translation>Due now</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="123"/>
        <source>★ 重点</source>
        <translation>★ Key</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="144"/>
        <source>{name}：{problem}，{due} 前处置（按 Enter 记录处置情况）</source>
        <translation>{name}: {problem}, due {due} (press Enter to record what was done)</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="147"/>
        <source>{name}的{kind}已漏 {n} 期；本期 {start} 至 {end} 也尚未完成（按 Enter 记录）</source>
        <translation>{name}: {kind} missed {n} period(s); this period, {start} to {end}, is not done either (Enter to record)</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="131"/>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="150"/>
        <source>{name}的{kind}本期 {start} 至 {end}，尚未完成（按 Enter 记录）</source>
        <translation>{kind} for {name} due this period {start} to {end}, not yet done (press Enter to record)</translation>
    </message>
</context>
<context>
    <name>TeachersPage</name>
    <message>
        <location filename="../programmes/teachers.py" line="138"/>
        <source>留守儿童</source>
        <translation>Left-behind child</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="139"/>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="140"/>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="141"/>
        <location filename="../programmes/teachers.py" line="150"/>
        <source>结对老师</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="142"/>
        <source>老师电话</source>
        <translation>Teacher&apos;s phone</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="143"/>
        <source>结对日期</source>
        <translation>Paired on</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="144"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="145"/>
        <source>档案记录</source>
        <translation>Entries</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="146"/>
        <source>最近记录</source>
        <translation>Last entry</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="147"/>
        <location filename="../programmes/teachers.py" line="165"/>
        <location filename="../programmes/teachers.py" line="173"/>
        <source>录入</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="151"/>
        <source>添加档案记录</source>
        <translation>Add file entry</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="153"/>
        <location filename="../programmes/teachers.py" line="168"/>
        <source>离校对接</source>
        <translation>School-leaving handover</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="154"/>
        <source>只看正在结对的</source>
        <translation>Active pairings only</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="161"/>
        <source>在校档案</source>
        <translation>School file</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="162"/>
        <source>记录日期</source>
        <translation>Recorded on</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="163"/>
        <source>关爱内容</source>
        <translation>Type of care</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="164"/>
        <source>记录老师</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="166"/>
        <source>具体情况</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="169"/>
        <source>离校日期</source>
        <translation>Left school on</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="170"/>
        <source>离校原因</source>
        <translation>Reason for leaving</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="171"/>
        <source>对接的监护人</source>
        <translation>Handed over to</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="172"/>
        <source>对接日期</source>
        <translation>Handover date</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="184"/>
        <source>还有 {n} 名在校留守儿童没有结对老师</source>
        <translation>{n} left-behind children at school have no teacher pairing</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="195"/>
        <source>共 {n} 条结对，其中正在结对 {active} 条（无档案记录的标红）</source>
        <translation>{n} pairings, {active} active (red: no file entries)</translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="204"/>
        <source>{child}&#x3000;{school} {klass}&#x3000;结对老师：{teacher} {phone}&#x3000;{state}&#x3000;档案记录 {n} 条</source>
        <translation>{child}  {school} {klass}  teacher: {teacher} {phone}  {state}  {n} file entries</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <location filename="../programmes/pairing.py" line="44"/>
        <source>新增帮扶单位</source>
        <translation>New assisting unit</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="45"/>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="45"/>
        <source>例如：县人民医院</source>
        <translation>e.g. 县人民医院</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="47"/>
        <source>单位类型</source>
        <translation>Unit type</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="48"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="49"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="49"/>
        <source>手机或座机，可不填</source>
        <translation>Mobile or landline (optional)</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../oversight/assessment_page.py" line="68"/>
        <source>解锁考核期间</source>
        <translation>Unlock the half year</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="70"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="71"/>
        <source>解锁原因</source>
        <translation>Reason for unlocking</translation>
    </message>
    <message>
        <location filename="../oversight/assessment_page.py" line="71"/>
        <source>如：村里补录漏记的随访</source>
        <translation>e.g. the village enters calls it missed</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../users_dialog.py" line="77"/>
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="80"/>
        <source>可以登录本单位数据库的人。停用的用户不能再登录（其密钥副本已删除），记录仍保留其姓名。</source>
        <translation>Who may sign in to this office&apos;s database. A disabled user can no longer sign in (their copy of the key is deleted); records keep their name.</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="84"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="84"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="84"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="90"/>
        <source>添加用户…</source>
        <translation>Add a user…</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="91"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="92"/>
        <source>重设密码…</source>
        <translation>New password…</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="100"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="114"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="114"/>
        <source>密码多次输错，暂缓登录</source>
        <translation>Slowed after wrong passwords</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="114"/>
        <source>可登录</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="123"/>
        <source>请先在表中选中一位用户。</source>
        <translation>Select a user in the table first.</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="141"/>
        <source>添加用户</source>
        <translation>Add a user</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="152"/>
        <source>停用用户</source>
        <translation>Disable a user</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="153"/>
        <source>停用 {name}？停用后不能再登录，已有的记录不受影响。</source>
        <translation>Disable {name}? They can no longer sign in; their records stay.</translation>
    </message>
    <message>
        <location filename="../users_dialog.py" line="163"/>
        <source>重设密码</source>
        <translation>New password</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../log_dialogs.py" line="352"/>
        <source>记录实地走访</source>
        <translation>Record home visit</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="356"/>
        <source>走访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="356"/>
        <source>谁去的，多人用顿号隔开</source>
        <translation>Who went; separate names with 、</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="357"/>
        <source>看到的情况</source>
        <translation>What was seen</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="357"/>
        <source>家里情况、身体、吃住、安全</source>
        <translation>Home, health, food and housing, safety</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="359"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="358"/>
        <location filename="../log_dialogs.py" line="359"/>
        <source>没有可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="367"/>
        <source>添加照片(&amp;P)…</source>
        <translation>Add &amp;photos…</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="368"/>
        <source>移除选中照片</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="372"/>
        <source>也可以把照片拖到这里</source>
        <translation>Or drop photos here</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="378"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="389"/>
        <source>选择走访照片</source>
        <translation>Choose visit photos</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="390"/>
        <source>图片 ({pattern})</source>
        <translation>Images ({pattern})</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="400"/>
        <source>正在读取照片……</source>
        <translation>Reading photos…</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="409"/>
        <source>照片：{names} 不是能打开的图片，请选择 JPG 或 PNG 照片。</source>
        <translation>Photos: {names} cannot be opened as images; please choose JPG or PNG photos.</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="358"/>
        <source>发现的问题</source>
        <translation>Problems found</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../programmes/agreements.py" line="154"/>
        <source>作废协议</source>
        <translation>Void agreement</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="156"/>
        <source>协议</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="156"/>
        <source>{number}&#x3000;{kind}&#x3000;{name}（{status}）</source>
        <translation>{number}  {kind}  {name} ({status})</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="158"/>
        <source>作废原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../programmes/agreements.py" line="158"/>
        <source>如：监护人变更，重新签订</source>
        <translation>e.g. the guardian changed; a new one is signed</translation>
    </message>
</context>
<context>
    <name>WishDialog</name>
    <message>
        <location filename="../log_dialogs.py" line="462"/>
        <source>微心愿</source>
        <translation>Micro-wish</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="466"/>
        <source>当前心愿</source>
        <translation>Current wish</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="472"/>
        <source>征集新心愿(&amp;1)</source>
        <translation>New (&amp;1)</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="473"/>
        <source>认领(&amp;2)</source>
        <translation>Claimed (&amp;2)</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="474"/>
        <source>实现(&amp;3)</source>
        <translation>Fulfilled (&amp;3)</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="481"/>
        <source>这次记录</source>
        <translation>Record now</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="483"/>
        <location filename="../log_dialogs.py" line="524"/>
        <source>心愿内容</source>
        <translation>Wish</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="484"/>
        <source>认领人</source>
        <translation>Claimed by</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="484"/>
        <location filename="../log_dialogs.py" line="533"/>
        <source>认领心愿的单位或个人</source>
        <translation>Unit or person who claims the wish</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="485"/>
        <source>价值（元）</source>
        <translation>Value (yuan)</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="485"/>
        <source>如 80.00，不清楚可不填</source>
        <translation>e.g. 80.00; leave empty if unknown</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="503"/>
        <source>没有未实现的心愿</source>
        <translation>No open wish</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="506"/>
        <source>{wish}
{collected} 征集，等待认领</source>
        <translation>{wish}
collected {collected}, waiting to be claimed</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="510"/>
        <source>{wish}
{collected} 征集，{claimed} 由 {by} 认领，等待实现</source>
        <translation>{wish}
collected {collected}, claimed {claimed} by {by}, waiting to be fulfilled</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="525"/>
        <source>想要什么，如 一个新书包</source>
        <translation>What they wish for, e.g. a new school bag</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="527"/>
        <source>实现情况</source>
        <translation>Fulfilled with</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="528"/>
        <source>送了什么，与心愿相同可不填</source>
        <translation>What was given; leave empty if as wished</translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="534"/>
        <source>认领人，已认领或本人实现可不填</source>
        <translation>Who fulfilled it; leave empty if already claimed or done yourself</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../workbench.py" line="182"/>
        <source>无人监护</source>
        <translation>No carer</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="182"/>
        <source>未落实责任</source>
        <translation>No duty set</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="183"/>
        <source>未结对老师</source>
        <translation>No teacher</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="183"/>
        <source>将满16周岁</source>
        <translation>Turns 16</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="184"/>
        <source>协议未签</source>
        <translation>Unsigned</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="184"/>
        <source>久未联系</source>
        <translation>No contact</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="185"/>
        <source>审核超期</source>
        <translation>Review overdue</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="185"/>
        <source>已满16周岁</source>
        <translation>Turned 16</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="186"/>
        <source>未做评估</source>
        <translation>No assessment</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="187"/>
        <source>家庭情况未登记</source>
        <translation>Household not recorded</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <location filename="../workbench.py" line="227"/>
        <source>范围(&amp;A)：</source>
        <translation>&amp;Area:</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="261"/>
        <source>全部工作</source>
        <translation>All work</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="264"/>
        <source>只看逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="293"/>
        <source>记录电话随访 (F2)</source>
        <translation>Phone follow-up (F2)</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="294"/>
        <source>记录走访 (F3)</source>
        <translation>Home visit (F3)</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="295"/>
        <source>微心愿 (F4)</source>
        <translation>Micro-wish (F4)</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="296"/>
        <source>物资帮扶 (F6)</source>
        <translation>Material aid (F6)</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="299"/>
        <source>为选中任务或预警的对象记录；未选中时在对话框里选择对象</source>
        <translation>Record for the person of the selected task or warning; with nothing selected, choose in the dialog</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="311"/>
        <source>本季度“四个一”</source>
        <translation>This quarter&apos;s &quot;four ones&quot;</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="315"/>
        <source>已完成 / 应完成（按“四个一”规则计，本季度）</source>
        <translation>Done / due (by the &quot;four ones&quot; rules, this quarter)</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="328"/>
        <source>读取中……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="333"/>
        <source>预警</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="335"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="337"/>
        <source>提醒</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="338"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="395"/>
        <source>本周工作（{start} 至 {end}）</source>
        <translation>This week&apos;s work ({start} to {end})</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="398"/>
        <source>正在读取本周任务……</source>
        <translation>Loading this week&apos;s tasks…</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="410"/>
        <source>去备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="412"/>
        <source>还没有备份过数据。</source>
        <translation>Never backed up. </translation>
    </message>
    <message>
        <location filename="../workbench.py" line="414"/>
        <source>已 {n} 天没有备份。</source>
        <translation>No backup for {n} days. </translation>
    </message>
    <message>
        <location filename="../workbench.py" line="416"/>
        <source>上次备份：{n} 天前</source>
        <translation>Last backup: {n} days ago</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="454"/>
        <source>读取失败：{error}</source>
        <translation>Could not load: {error}</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="476"/>
        <source>共 {n} 项任务，其中逾期 {late} 项</source>
        <translation>{n} tasks, {late} overdue</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="478"/>
        <source>{all}；筛选后 {shown} 项</source>
        <translation>{all}; {shown} shown</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="479"/>
        <source>本周没有待办任务</source>
        <translation>No tasks this week</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="485"/>
        <source>本季度“四个一”（{year}年第{n}季度）</source>
        <translation>&quot;Four ones&quot; this quarter (Q{n} {year})</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="494"/>
        <source>{done} / {owed}（{percent}%）</source>
        <translation>{done} / {owed} ({percent}%)</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="495"/>
        <source>本季度没有应完成的</source>
        <translation>None due this quarter</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="496"/>
        <source>{kind}：本季度应完成 {owed} 次，已完成 {done} 次</source>
        <translation>{kind}: {done} of {owed} done this quarter</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="501"/>
        <source>选中一条预警可看全文；电话随访等按钮会为该对象记录。</source>
        <translation>Select a warning to read it in full; the buttons record for that person.</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="502"/>
        <source>预警（{n}）</source>
        <translation>Warnings ({n})</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="511"/>
        <source>全县</source>
        <translation>Whole county</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="525"/>
        <source>全部村</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="526"/>
        <source>（先选乡镇）</source>
        <translation>(choose a township)</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="568"/>
        <source>{name}（{village}）</source>
        <translation>{name} ({village})</translation>
    </message>
</context>
</TS>
