<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../background.py" line="49"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../background.py" line="50"/>
        <source>请稍候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../background.py" line="105"/>
        <source>无法完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../background.py" line="108"/>
        <source>出错了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../background.py" line="108"/>
        <source>操作没有完成，数据未被修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="473"/>
        <source>LogDialog</source>
        <comment>无法记录</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="474"/>
        <source>LogDialog</source>
        <comment>“{kind}”这项工作还不能在这里记录。</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="695"/>
        <source>StepDialog</source>
        <comment>{step}：{name}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="66"/>
        <source>TaskModel</source>
        <comment>状态</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="66"/>
        <source>TaskModel</source>
        <comment>重点监护</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="66"/>
        <source>TaskModel</source>
        <comment>姓名</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="67"/>
        <source>TaskModel</source>
        <comment>村</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="67"/>
        <source>TaskModel</source>
        <comment>工作</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="67"/>
        <source>TaskModel</source>
        <comment>应完成期间</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="68"/>
        <source>TaskModel</source>
        <comment>截止</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="94"/>
        <source>TaskModel</source>
        <comment>逾期 {n} 期</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="94"/>
        <source>TaskModel</source>
        <comment>本期待办</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="96"/>
        <source>TaskModel</source>
        <comment>★ 重点</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="105"/>
        <source>TaskModel</source>
        <comment>自 {start} 起</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="106"/>
        <source>TaskModel</source>
        <comment>{start} 至 {end}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="119"/>
        <source>TaskModel</source>
        <comment>{name}的{kind}已逾期 {n} 期，最早一期 {start} 至 {end}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="122"/>
        <source>TaskModel</source>
        <comment>{name}的{kind}本期 {start} 至 {end}，尚未完成（按 Enter 记录）</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="142"/>
        <source>Workbench</source>
        <comment>无人监护</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="142"/>
        <source>Workbench</source>
        <comment>未落实责任</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="143"/>
        <source>Workbench</source>
        <comment>未结对老师</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="143"/>
        <source>Workbench</source>
        <comment>将满16周岁</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="144"/>
        <source>Workbench</source>
        <comment>协议未签</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="144"/>
        <source>Workbench</source>
        <comment>久未联系</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AidDialog</name>
    <message>
        <location filename="../log_dialogs.py" line="344"/>
        <source>记录物资帮扶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="347"/>
        <source>物资</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="347"/>
        <source>送了什么，如 大米50斤、棉被1床</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="348"/>
        <source>价值（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="348"/>
        <source>如 120.50，不清楚可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="349"/>
        <source>提供者</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="349"/>
        <source>哪个单位或个人提供的</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="350"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="350"/>
        <source>没有可不填</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <location filename="../programmes/assessments.py" line="28"/>
        <source>登记第三方评估</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="32"/>
        <source>评估对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="33"/>
        <source>如：黎平县康宁社会工作服务中心</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="39"/>
        <source>评估机构</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="40"/>
        <source>评估日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="42"/>
        <source>自理能力认定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="43"/>
        <source>生活状况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="43"/>
        <source>住房、饮食、独居与否等</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="44"/>
        <source>健康检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="44"/>
        <source>体检发现的问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="45"/>
        <source>综合评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="46"/>
        <source>建议关爱措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="47"/>
        <source>如：安排互助家庭每日送热饭热菜</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="55"/>
        <source>评估对象：请输入姓名或拼音首字母，并从下拉列表中选择一人。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentsPage</name>
    <message>
        <location filename="../programmes/assessments.py" line="70"/>
        <source>搜索对象：姓名、拼音首字母、身份证号后几位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="71"/>
        <source>全部自理能力</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="74"/>
        <source>登记评估(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="77"/>
        <location filename="../programmes/assessments.py" line="89"/>
        <source>评估日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="78"/>
        <location filename="../programmes/assessments.py" line="88"/>
        <source>评估对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="79"/>
        <location filename="../programmes/assessments.py" line="88"/>
        <source>评估机构</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="80"/>
        <source>自理能力</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="81"/>
        <location filename="../programmes/assessments.py" line="91"/>
        <source>建议关爱措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="89"/>
        <source>自理能力认定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="90"/>
        <source>生活状况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="90"/>
        <source>健康检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/assessments.py" line="91"/>
        <source>综合评价</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../programmes/mutual_aid.py" line="91"/>
        <source>安排照料对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="92"/>
        <source>互助家庭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="94"/>
        <location filename="../programmes/mutual_aid.py" line="101"/>
        <source>照料对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="96"/>
        <source>每月补贴（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="96"/>
        <source>例如 200；没有补贴填 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="97"/>
        <source>开始日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="102"/>
        <source>每月补贴</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentsTab</name>
    <message>
        <location filename="../attachments_view.py" line="115"/>
        <source>添加照片或扫描件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="116"/>
        <source>也可以把文件从文件夹里直接拖到这里。双击可打开查看。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="117"/>
        <source>还没有附件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="142"/>
        <source>选择照片或扫描件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="143"/>
        <source>照片和扫描件 ({patterns});;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../attachments_view.py" line="152"/>
        <source>正在保存附件……</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <location filename="../log_dialogs.py" line="187"/>
        <source>记录电话随访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="193"/>
        <source>接通(&amp;Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="194"/>
        <source>未接通(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="202"/>
        <source>是否接通</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="203"/>
        <source>通话内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="203"/>
        <source>说了什么，对方近况如何</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="204"/>
        <source>发现的问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="204"/>
        <source>没有可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="205"/>
        <source>需要跟进处理(&amp;G)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FamilyDialog</name>
    <message>
        <location filename="../programmes/mutual_aid.py" line="69"/>
        <source>新增互助家庭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="70"/>
        <source>所在村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="71"/>
        <source>户主姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="72"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="72"/>
        <source>手机号，可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="73"/>
        <source>住址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="73"/>
        <source>例如：五组，与照料对象相邻</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="79"/>
        <source>所在村：请选择一个行政村。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../first_run.py" line="31"/>
        <source>欢迎使用关爱 —— 首次设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="34"/>
        <source>这台电脑上还没有设置单位。
如果只是想先看看，请点“用演示数据试用”，会生成一个示范村的数据；
正式使用请填写本单位的信息。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="40"/>
        <source>用演示数据试用（一个示范村，约150名关爱对象）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="44"/>
        <source>设置本单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="47"/>
        <source>行政村（福利主任）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="47"/>
        <source>乡镇（专职督导员）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="48"/>
        <source>县（民政局）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="51"/>
        <source>统计用区划代码：村12位、乡镇9位、县6位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="53"/>
        <source>如：岩寨村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="55"/>
        <source>上级单位代码（可不填，默认取本单位代码的前几位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="57"/>
        <source>您的姓名，会记在每条记录上，如：王主任</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="58"/>
        <source>级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="59"/>
        <source>单位代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="60"/>
        <source>单位名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="61"/>
        <source>上级单位代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="62"/>
        <source>使用人姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="68"/>
        <source>设置并开始使用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="69"/>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="82"/>
        <source>正在生成演示数据……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="89"/>
        <source>单位名称：请填写本单位的名称，如“岩寨村”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../first_run.py" line="102"/>
        <source>正在设置……</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../kit.py" line="157"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kit.py" line="160"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kit.py" line="199"/>
        <source>正在保存……</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../programmes/teachers.py" line="99"/>
        <source>离校对接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="100"/>
        <source>结对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="101"/>
        <source>离校日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="105"/>
        <source>离校原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="108"/>
        <source>对接的监护人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="109"/>
        <source>对接日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="110"/>
        <source>保存后，与老师的结对结束，该儿童不再记为在校学生。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="122"/>
        <source>对接日期：早于离校日期，请核对。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <location filename="../log_dialogs.py" line="90"/>
        <source>正在读取……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="91"/>
        <source>关爱对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="97"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="99"/>
        <source>默认为本单位操作员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="100"/>
        <source>记录人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="143"/>
        <source>{village}，{status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="146"/>
        <source>{line}，重点监护对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="149"/>
        <source>目前没有应完成的{kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="151"/>
        <source>本期（{start} 至 {end}）已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="152"/>
        <source>本期（{start} 至 {end}）尚未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="155"/>
        <source>此前逾期 {n} 期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="160"/>
        <source>关爱对象：请输入姓名、拼音首字母或身份证号后几位，并从列表中选择一位。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="172"/>
        <source>价值（元）：“{text}”不是有效的金额，请填写数字，最多两位小数，如 120.50。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main.py" line="45"/>
        <source>工作台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="46"/>
        <source>关爱对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="47"/>
        <source>结对帮扶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="48"/>
        <source>教师结对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="49"/>
        <source>互助家庭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="50"/>
        <source>第三方评估</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="51"/>
        <source>责任分工</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="52"/>
        <source>协议</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="53"/>
        <source>关爱活动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="84"/>
        <source>关爱 —— {name}（{level} {code}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="106"/>
        <source>本单位公钥指纹：{fp}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="142"/>
        <source>文件(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="143"/>
        <source>刷新(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="147"/>
        <source>退出(&amp;Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="151"/>
        <source>查看(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="154"/>
        <source>标准字号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="154"/>
        <source>大字号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="155"/>
        <source>特大字号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="171"/>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="172"/>
        <location filename="../main.py" line="182"/>
        <source>快捷键</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main.py" line="183"/>
        <source>Ctrl+1 … Ctrl+9&#x3000;切换页面（工作台、关爱对象……）
Ctrl+F&#x3000;搜索关爱对象
Ctrl+N&#x3000;新增关爱对象
Enter&#x3000;打开选中的任务或对象；在对话框里保存
F5&#x3000;刷新
Ctrl+Q&#x3000;退出</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MatchDialog</name>
    <message>
        <location filename="../programmes/pairing.py" line="51"/>
        <source>对接到村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="52"/>
        <source>帮扶单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="53"/>
        <source>对接村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="54"/>
        <source>对接日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="59"/>
        <source>对接村：请选择一个行政村。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MutualAidPage</name>
    <message>
        <location filename="../programmes/mutual_aid.py" line="171"/>
        <source>户主</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="172"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="173"/>
        <source>住址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="174"/>
        <location filename="../programmes/mutual_aid.py" line="189"/>
        <location filename="../programmes/mutual_aid.py" line="190"/>
        <location filename="../programmes/mutual_aid.py" line="199"/>
        <source>照料对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="174"/>
        <location filename="../programmes/mutual_aid.py" line="228"/>
        <source>暂无</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="175"/>
        <location filename="../programmes/mutual_aid.py" line="193"/>
        <source>每月补贴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="176"/>
        <source>已发补贴合计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="177"/>
        <source>最近服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="178"/>
        <location filename="../programmes/mutual_aid.py" line="194"/>
        <location filename="../programmes/mutual_aid.py" line="200"/>
        <location filename="../programmes/mutual_aid.py" line="208"/>
        <source>录入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="181"/>
        <source>新增互助家庭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="182"/>
        <source>安排照料对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="183"/>
        <source>记录服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="184"/>
        <source>发放补贴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="191"/>
        <source>开始日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="192"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="196"/>
        <source>服务记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="197"/>
        <source>服务日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="198"/>
        <source>服务内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="201"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="203"/>
        <source>补贴台账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="204"/>
        <source>期间从</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="205"/>
        <source>到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="206"/>
        <source>金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="207"/>
        <source>发放日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="207"/>
        <source>未发放</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="209"/>
        <source>资金来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="222"/>
        <source>共 {n} 户互助家庭，正在照料 {caring} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="226"/>
        <source>{head}家&#x3000;{address}&#x3000;{phone}&#x3000;正在照料：{names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="229"/>
        <source>补贴台账合计：{amount} 元（{n} 笔）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PairDialog</name>
    <message>
        <location filename="../programmes/pairing.py" line="87"/>
        <source>结对帮扶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="88"/>
        <source>帮扶单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="94"/>
        <source>帮扶责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="96"/>
        <location filename="../programmes/pairing.py" line="105"/>
        <source>关爱对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="98"/>
        <source>结对日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="104"/>
        <source>帮扶责任人：本单位还没有帮扶责任人，请先点“新增帮扶责任人”。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PairTeacherDialog</name>
    <message>
        <location filename="../programmes/teachers.py" line="47"/>
        <source>结对老师</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="49"/>
        <location filename="../programmes/teachers.py" line="68"/>
        <source>留守儿童</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="51"/>
        <source>老师姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="52"/>
        <source>老师电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="52"/>
        <source>手机号，可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="53"/>
        <source>学校</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="54"/>
        <source>班级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="54"/>
        <source>例如：三年级二班，可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="55"/>
        <source>结对日期</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PairingPage</name>
    <message>
        <location filename="../programmes/pairing.py" line="115"/>
        <source>帮扶单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="116"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="117"/>
        <source>联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="118"/>
        <location filename="../programmes/pairing.py" line="133"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="119"/>
        <location filename="../programmes/pairing.py" line="145"/>
        <source>对接村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="119"/>
        <location filename="../programmes/pairing.py" line="170"/>
        <source>未对接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="120"/>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="121"/>
        <location filename="../programmes/pairing.py" line="134"/>
        <source>在结对对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="122"/>
        <location filename="../programmes/pairing.py" line="135"/>
        <location filename="../programmes/pairing.py" line="143"/>
        <location filename="../programmes/pairing.py" line="149"/>
        <source>录入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="125"/>
        <source>新增帮扶单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="126"/>
        <source>对接到村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="127"/>
        <source>新增帮扶责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="128"/>
        <source>结对帮扶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="130"/>
        <location filename="../programmes/pairing.py" line="140"/>
        <source>帮扶责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="131"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="132"/>
        <source>职务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="138"/>
        <source>结对对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="139"/>
        <source>关爱对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="141"/>
        <source>结对日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="142"/>
        <location filename="../programmes/pairing.py" line="148"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="146"/>
        <source>行政村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="147"/>
        <source>对接日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="163"/>
        <source>共 {n} 个帮扶单位，其中 {here} 个与本单位的村对接或有结对对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="168"/>
        <source>{name}（{kind}）&#x3000;联系人：{contact} {phone}&#x3000;对接村：{villages}&#x3000;在结对对象：{n} 人</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <location filename="../programmes/pairing.py" line="68"/>
        <source>新增帮扶责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="69"/>
        <source>帮扶单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="70"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="71"/>
        <source>职务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="71"/>
        <source>例如：副院长，可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="72"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="72"/>
        <source>手机号，可不填</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecipientDialog</name>
    <message>
        <location filename="../recipient_form.py" line="137"/>
        <source>基本信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="146"/>
        <source>家庭成员与监护人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="146"/>
        <source>关爱记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="147"/>
        <source>结对帮扶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="147"/>
        <source>关爱责任</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="148"/>
        <source>协议</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="148"/>
        <source>评估</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="149"/>
        <source>状态记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="149"/>
        <source>附件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="162"/>
        <source>记录关爱工作…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="172"/>
        <source>保存 (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="174"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="218"/>
        <source>如 张三</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="219"/>
        <source>姓名 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="221"/>
        <source>18位，最后一位可以是 X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="222"/>
        <source>身份证号 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="230"/>
        <source>由身份证号自动得出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="231"/>
        <source>性别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="236"/>
        <source>出生日期／性别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="241"/>
        <source>民族</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="243"/>
        <source>手机11位，固话带区号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="244"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="246"/>
        <source>家庭住址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="249"/>
        <source>所在村 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="251"/>
        <source>调查日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="253"/>
        <source>调查人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="263"/>
        <source>关爱类别 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="264"/>
        <source>重点监护对象（每周电话随访）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="266"/>
        <location filename="../recipient_form.py" line="268"/>
        <location filename="../recipient_form.py" line="297"/>
        <location filename="../recipient_form.py" line="299"/>
        <source>（未填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="267"/>
        <source>自理能力</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="269"/>
        <source>劳动能力</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="270"/>
        <source>（无残疾）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="272"/>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="274"/>
        <source>{n}级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="280"/>
        <source>残疾类别／等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="284"/>
        <source>重大疾病</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="286"/>
        <source>在校儿童填写学校</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="287"/>
        <source>就读学校</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="288"/>
        <source>城镇户籍</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="289"/>
        <source>集中（机构）供养</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="296"/>
        <source>户籍／供养</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="297"/>
        <source>有生活来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="297"/>
        <source>无生活来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="298"/>
        <source>生活来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="299"/>
        <source>有，且能履行义务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="300"/>
        <source>没有，或无力履行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="301"/>
        <source>法定赡养（抚养）人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="305"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="355"/>
        <source>已输入 {n} 位，共 18 位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="377"/>
        <source>{n} 周岁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="420"/>
        <source>✓ 符合所选类别的条件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="464"/>
        <source>没有需要保存的修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="470"/>
        <location filename="../recipient_form.py" line="472"/>
        <source>正在保存……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="480"/>
        <source>已登记。可以继续填写家庭成员、监护人和附件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="482"/>
        <source>已保存（{time}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="490"/>
        <source>已取消，没有保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="497"/>
        <source>没有保存，请按红字提示修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="537"/>
        <source>登记关爱对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="538"/>
        <source>新登记的关爱对象（状态：已调查）。带 * 的必须填写。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="551"/>
        <source>正在读取档案……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="566"/>
        <source>（请选择）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="584"/>
        <source>关爱对象档案：{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="585"/>
        <source>★重点监护&#x3000;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="586"/>
        <source>{name}&#x3000;{star}状态：{status}（{date}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="646"/>
        <source>请先保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="647"/>
        <source>基本信息有修改还没保存。请先按“保存”，再{step}。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="663"/>
        <source>还没保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="663"/>
        <source>有修改还没保存。要保存吗？</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecipientPicker</name>
    <message>
        <location filename="../picker.py" line="30"/>
        <source>输入姓名、拼音首字母或身份证号后几位，然后从列表中选择</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../programmes/registers_common.py" line="99"/>
        <source>详细信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/registers_common.py" line="179"/>
        <source>共 {total} 条，只显示最近的 {shown} 条；请用筛选或搜索缩小范围。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/registers_common.py" line="182"/>
        <source>共 {total} 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/registers_common.py" line="201"/>
        <source>（没有选中的记录）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../roster_model.py" line="37"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="37"/>
        <source>性别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="37"/>
        <source>出生日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="37"/>
        <source>身份证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="38"/>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="38"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="38"/>
        <source>重点监护</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="38"/>
        <source>所在村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="39"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_model.py" line="122"/>
        <source>★ 重点</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../roster_page.py" line="42"/>
        <source>搜索：姓名、拼音首字母（如 zs）、身份证号后几位或电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="45"/>
        <source>全部类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="49"/>
        <source>全部状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="52"/>
        <source>只看重点监护</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="53"/>
        <source>只看逾期未关爱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="60"/>
        <source>新增对象 (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="61"/>
        <source>打开 (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="62"/>
        <source>记录电话随访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="63"/>
        <source>记录走访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="148"/>
        <source>共 {n} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="196"/>
        <source>打开档案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../roster_page.py" line="199"/>
        <source>记录：{kind}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchoolFileDialog</name>
    <message>
        <location filename="../programmes/teachers.py" line="80"/>
        <source>添加在校档案记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="81"/>
        <source>结对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="82"/>
        <source>关爱内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="83"/>
        <source>记录日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="84"/>
        <source>具体情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="84"/>
        <source>例如：与学生谈心，了解学习和生活情况</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <location filename="../programmes/mutual_aid.py" line="115"/>
        <source>记录互助服务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="116"/>
        <source>互助家庭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="121"/>
        <source>照料对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="123"/>
        <source>服务内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="124"/>
        <source>服务日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="125"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="125"/>
        <source>例如：本月每日送热饭热菜，可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="130"/>
        <source>照料对象：这户还没有照料对象，请先点“安排照料对象”。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../recipient_form.py" line="697"/>
        <source>上报后，由县民政局会同相关部门审核。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="698"/>
        <source>录入县里各部门的审核意见；各相关部门都审核后才能确定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="699"/>
        <source>确定后，此人列入关爱对象名册，开始“四个一”关爱。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="700"/>
        <source>不予确定须写明原因；补充材料后可以重新上报。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="701"/>
        <source>退出后不再安排关爱，历史记录全部保留。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="710"/>
        <source>审核部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="713"/>
        <source>同意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="714"/>
        <source>不同意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="715"/>
        <source>审核意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="717"/>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="717"/>
        <source>原因（不同意时必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="722"/>
        <source>年满16周岁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="722"/>
        <source>父母返乡，不再留守</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="722"/>
        <source>迁出本村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="723"/>
        <source>已去世</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="723"/>
        <source>情况好转，不再符合条件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="724"/>
        <source>退出原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="726"/>
        <source>县里决定的文号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="727"/>
        <source>如 民发〔2026〕12号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../recipient_form.py" line="728"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubsidyDialog</name>
    <message>
        <location filename="../programmes/mutual_aid.py" line="143"/>
        <source>发放补贴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="145"/>
        <source>互助家庭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="146"/>
        <source>补贴期间 从</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="147"/>
        <source>到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="149"/>
        <source>金额（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="149"/>
        <source>例如 600.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="150"/>
        <source>发放日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="154"/>
        <source>资金来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/mutual_aid.py" line="160"/>
        <source>金额</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeachersPage</name>
    <message>
        <location filename="../programmes/teachers.py" line="133"/>
        <source>留守儿童</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="134"/>
        <source>学校</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="135"/>
        <source>班级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="136"/>
        <location filename="../programmes/teachers.py" line="145"/>
        <source>结对老师</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="137"/>
        <source>老师电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="138"/>
        <source>结对日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="139"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="140"/>
        <source>档案记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="141"/>
        <source>最近记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="142"/>
        <location filename="../programmes/teachers.py" line="160"/>
        <location filename="../programmes/teachers.py" line="168"/>
        <source>录入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="146"/>
        <source>添加档案记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="148"/>
        <location filename="../programmes/teachers.py" line="163"/>
        <source>离校对接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="149"/>
        <source>只看正在结对的</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="156"/>
        <source>在校档案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="157"/>
        <source>记录日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="158"/>
        <source>关爱内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="159"/>
        <source>记录老师</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="161"/>
        <source>具体情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="164"/>
        <source>离校日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="165"/>
        <source>离校原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="166"/>
        <source>对接的监护人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="167"/>
        <source>对接日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="179"/>
        <source>还有 {n} 名在校留守儿童没有结对老师</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="190"/>
        <source>共 {n} 条结对，其中正在结对 {active} 条（无档案记录的标红）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/teachers.py" line="199"/>
        <source>{child}&#x3000;{school} {klass}&#x3000;结对老师：{teacher} {phone}&#x3000;{state}&#x3000;档案记录 {n} 条</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <location filename="../programmes/pairing.py" line="32"/>
        <source>新增帮扶单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="33"/>
        <source>单位名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="33"/>
        <source>例如：县人民医院</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="37"/>
        <source>单位类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="38"/>
        <source>联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="39"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../programmes/pairing.py" line="39"/>
        <source>手机或座机，可不填</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../log_dialogs.py" line="262"/>
        <source>记录实地走访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="266"/>
        <source>走访人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="266"/>
        <source>谁去的，多人用顿号隔开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="267"/>
        <source>看到的情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="267"/>
        <source>家里情况、身体、吃住、安全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="268"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="268"/>
        <source>没有可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="269"/>
        <source>需要跟进处理(&amp;G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="277"/>
        <source>添加照片(&amp;P)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="278"/>
        <source>移除选中照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="282"/>
        <source>也可以把照片拖到这里</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="288"/>
        <source>照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="299"/>
        <source>选择走访照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="300"/>
        <source>图片 ({pattern})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="310"/>
        <source>正在读取照片……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="319"/>
        <source>照片：{names} 不是能打开的图片，请选择 JPG 或 PNG 照片。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WishDialog</name>
    <message>
        <location filename="../log_dialogs.py" line="370"/>
        <source>微心愿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="374"/>
        <source>当前心愿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="380"/>
        <source>征集新心愿(&amp;1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="381"/>
        <source>认领(&amp;2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="382"/>
        <source>实现(&amp;3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="389"/>
        <source>这次记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="390"/>
        <location filename="../log_dialogs.py" line="431"/>
        <source>心愿内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="391"/>
        <source>认领人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="391"/>
        <location filename="../log_dialogs.py" line="440"/>
        <source>认领心愿的单位或个人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="392"/>
        <source>价值（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="392"/>
        <source>如 80.00，不清楚可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="410"/>
        <source>没有未实现的心愿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="413"/>
        <source>{wish}
{collected} 征集，等待认领</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="417"/>
        <source>{wish}
{collected} 征集，{claimed} 由 {by} 认领，等待实现</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="432"/>
        <source>想要什么，如 一个新书包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="434"/>
        <source>实现情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="435"/>
        <source>送了什么，与心愿相同可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_dialogs.py" line="441"/>
        <source>认领人，已认领或本人实现可不填</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <location filename="../workbench.py" line="177"/>
        <source>范围(&amp;A)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="207"/>
        <source>全部工作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="210"/>
        <source>只看逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="241"/>
        <source>记录电话随访 (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="242"/>
        <source>记录走访 (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="243"/>
        <source>微心愿 (F4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="244"/>
        <source>物资帮扶 (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="247"/>
        <source>为选中任务或预警的对象记录；未选中时在对话框里选择对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="259"/>
        <source>本季度“四个一”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="267"/>
        <source>读取中……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="274"/>
        <source>预警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="276"/>
        <source>村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="278"/>
        <source>提醒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="279"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="306"/>
        <source>本周工作（{start} 至 {end}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="309"/>
        <source>正在读取本周任务……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="342"/>
        <source>读取失败：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="360"/>
        <source>共 {n} 项任务，其中逾期 {late} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="361"/>
        <source>本周没有待办任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="367"/>
        <source>本季度“四个一”（{year}年第{n}季度）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="375"/>
        <source>已完成 {done} / 应完成 {owed}（%p%）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="376"/>
        <source>本季度没有应完成的</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="380"/>
        <source>选中一条预警可看全文；电话随访等按钮会为该对象记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="381"/>
        <source>预警（{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="390"/>
        <source>全县</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="404"/>
        <source>全部村</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="405"/>
        <source>（先选乡镇）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../workbench.py" line="447"/>
        <source>{name}（{village}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../programmes/mutual_aid.py" line="62"/>
        <source>{what}：请填写金额（元），例如 300 或 300.50。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
