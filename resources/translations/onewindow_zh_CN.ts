<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CatalogueText</name>
    <message>
        <source>Immediate</source>
        <translation>即办件</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺件</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>镇级</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村级</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Pick-up at the window</source>
        <translation>窗口领取</translation>
    </message>
    <message>
        <source>EMS mail</source>
        <translation>EMS邮寄</translation>
    </message>
    <message>
        <source>Locker</source>
        <translation>智能柜自取</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原件</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <source>Electronic</source>
        <translation>电子件</translation>
    </message>
    <message>
        <source>Original + copy</source>
        <translation>原件及复印件</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必交</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选交</translation>
    </message>
    <message>
        <source>Conditional</source>
        <translation>视情形提交</translation>
    </message>
    <message>
        <source>Government</source>
        <translation>政府部门核发</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人自备</translation>
    </message>
    <message>
        <source>reusable</source>
        <translation>可复用</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>On the spot</source>
        <translation>即时办结</translation>
    </message>
    <message>
        <source>%1 (legal %2)</source>
        <translation>承诺%1（法定%2个工作日）</translation>
    </message>
    <message>
        <source>No visit (online)</source>
        <translation>0次（全程网办）</translation>
    </message>
    <message>
        <source>At most %1</source>
        <translation>最多%1次</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>不收费</translation>
    </message>
    <message>
        <source>%1 yuan</source>
        <translation>%1元</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>an agent applies</source>
        <translation>由代理人申请</translation>
    </message>
    <message>
        <source>the applicant comes in person</source>
        <translation>申请人本人办理</translation>
    </message>
    <message>
        <source>always</source>
        <translation>所有情形</translation>
    </message>
    <message>
        <source>a legal person applies</source>
        <translation>法人申请</translation>
    </message>
    <message>
        <source>a natural person applies</source>
        <translation>自然人申请</translation>
    </message>
    <message>
        <source>the applicant is under %1</source>
        <translation>申请人未满%1周岁</translation>
    </message>
    <message>
        <source>the applicant is %1 or older</source>
        <translation>申请人年满%1周岁</translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1为%2</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <source>not: %1</source>
        <translation>%1：否</translation>
    </message>
    <message>
        <source>%1 is not %2</source>
        <translation>%1不为%2</translation>
    </message>
    <message>
        <source>When %1</source>
        <translation>适用情形：%1</translation>
    </message>
    <message>
        <source>, or </source>
        <translation>；或</translation>
    </message>
</context>
<context>
    <name>IntakeText</name>
    <message>
        <source>To check</source>
        <translation>待核</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收</translation>
    </message>
    <message>
        <source>Reused</source>
        <translation>复用</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>有误</translation>
    </message>
    <message>
        <source>from case %1</source>
        <translation>来自办件 %1</translation>
    </message>
    <message>
        <source>from e-licence %1</source>
        <translation>来自电子证照 %1</translation>
    </message>
    <message>
        <source>No grade</source>
        <translation>无信用等级</translation>
    </message>
    <message>
        <source>Grade A</source>
        <translation>信用A级</translation>
    </message>
    <message>
        <source>Grade B</source>
        <translation>信用B级</translation>
    </message>
    <message>
        <source>Grade C</source>
        <translation>信用C级</translation>
    </message>
    <message>
        <source>Blacklist</source>
        <translation>失信黑名单</translation>
    </message>
    <message>
        <source>Pick-up at the window</source>
        <translation>窗口领取</translation>
    </message>
    <message>
        <source>EMS mail (free)</source>
        <translation>EMS免费寄递</translation>
    </message>
    <message>
        <source>Self-service locker</source>
        <translation>智能柜自取</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系人电话</translation>
    </message>
    <message>
        <source>Agent&apos;s name</source>
        <translation>代理人姓名</translation>
    </message>
    <message>
        <source>Agent&apos;s ID number</source>
        <translation>代理人身份证号码</translation>
    </message>
    <message>
        <source>Agent&apos;s phone</source>
        <translation>代理人电话</translation>
    </message>
    <message>
        <source>Applicant&apos;s details</source>
        <translation>申请人信息</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>OneWindow</source>
        <translation>一窗通</translation>
    </message>
    <message>
        <source>The catalogue could not be loaded.</source>
        <translation>无法加载事项目录。</translation>
    </message>
</context>
<context>
    <name>onewindow-admin</name>
    <message>
        <source>Unknown command: %1</source>
        <translation>未知命令：%1</translation>
    </message>
</context>
<context>
    <name>ow</name>
    <message>
        <source>clerk</source>
        <translation>受理员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>take intake decisions</source>
        <translation>作出受理决定</translation>
    </message>
    <message>
        <source>override a credit check</source>
        <translation>强制通过信用核验</translation>
    </message>
    <message>
        <source>sample cases for audit</source>
        <translation>抽查办件</translation>
    </message>
    <message>
        <source>unlock a user</source>
        <translation>解锁用户</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>查看审计日志</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>管理用户</translation>
    </message>
    <message>
        <source>import the catalogue</source>
        <translation>导入事项目录</translation>
    </message>
    <message>
        <source>change the counter&apos;s settings</source>
        <translation>修改本窗口终端的设置</translation>
    </message>
    <message>
        <source>move a case along its life</source>
        <translation>办理办件流转</translation>
    </message>
    <message>
        <source>approve or refuse at the window</source>
        <translation>在窗口审批或不予批准</translation>
    </message>
    <message>
        <source>whole period</source>
        <translation>整个期间</translation>
    </message>
    <message>
        <source>by day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>by week</source>
        <translation>按周</translation>
    </message>
    <message>
        <source>by month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>by site</source>
        <translation>按站点</translation>
    </message>
    <message>
        <source>by window</source>
        <translation>按窗口</translation>
    </message>
    <message>
        <source>by clerk</source>
        <translation>按受理员</translation>
    </message>
    <message>
        <source>by item</source>
        <translation>按事项</translation>
    </message>
    <message>
        <source>by category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>咨询量</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>受理件数</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>办结件数</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>办结率</translation>
    </message>
    <message>
        <source>Completed on time</source>
        <translation>按时办结件数</translation>
    </message>
    <message>
        <source>On-time completion rate</source>
        <translation>按时办结率</translation>
    </message>
    <message>
        <source>Immediate items</source>
        <translation>即办件数</translation>
    </message>
    <message>
        <source>Share of immediate items</source>
        <translation>即办件占比</translation>
    </message>
    <message>
        <source>Done in one visit</source>
        <translation>一次办结件数</translation>
    </message>
    <message>
        <source>Share done in one visit</source>
        <translation>一次办结占比</translation>
    </message>
    <message>
        <source>Visits per matter</source>
        <translation>每件跑动次数</translation>
    </message>
    <message>
        <source>Corrections requested</source>
        <translation>补正告知数</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予受理数</translation>
    </message>
    <message>
        <source>Mailings</source>
        <translation>邮寄件数</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>评价数</translation>
    </message>
    <message>
        <source>Average grade</source>
        <translation>平均评分</translation>
    </message>
    <message>
        <source>Share satisfied</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Consultations logged (counter or phone), counted on the day logged, at the site, window and clerk who logged them.</source>
        <translation>登记的咨询（窗口或电话），按登记当日计，计入登记的站点、窗口和受理员。</translation>
    </message>
    <message>
        <source>Cases accepted (受理), counted on the day of acceptance, at the site, window and clerk who accepted them. A case accepted after a correction counts on the day it was accepted.</source>
        <translation>受理的办件，按受理当日计，计入受理的站点、窗口和受理员。补正后受理的办件按受理当日计。</translation>
    </message>
    <message>
        <source>Of the cases accepted, those completed (办结) on or before the last day of the period asked for, counted on the day of acceptance (so the rows add up to the total).</source>
        <translation>受理的办件中，在所查期间最后一日或之前办结的件数，按受理当日计（各行之和等于合计）。</translation>
    </message>
    <message>
        <source>Completion rate (办结率) = completed ÷ accepted: of the cases accepted, the share completed by the last day of the period asked for.</source>
        <translation>办结率 = 办结件数 ÷ 受理件数：受理的办件中，截至所查期间最后一日已办结的比例。</translation>
    </message>
    <message>
        <source>Of the cases completed, those completed on or before their due date: the promised date moved on by the working days the legal clock was paused (correction or special procedure), as on the case page.</source>
        <translation>办结的办件中，在到期日或之前办结的件数；到期日为承诺办结日加上法定时限暂停（补正或特别程序）的工作日数，与办件页面一致。</translation>
    </message>
    <message>
        <source>On-time completion rate (按时办结率) = completed on time ÷ completed; the target is 99% or more. Paused working days extend the due date; a case completed after its due date is late.</source>
        <translation>按时办结率 = 按时办结件数 ÷ 办结件数，目标不低于99%。暂停的工作日顺延到期日；晚于到期日办结即为超期。</translation>
    </message>
    <message>
        <source>Of the cases accepted, immediate items (即办件): every item of the case is done on the spot, without a promised time limit.</source>
        <translation>受理的办件中的即办件：办件的每个事项均当场办结，没有承诺时限。</translation>
    </message>
    <message>
        <source>Share of immediate items = immediate items ÷ accepted.</source>
        <translation>即办件占比 = 即办件数 ÷ 受理件数。</translation>
    </message>
    <message>
        <source>Of the cases accepted, those accepted at the matter&apos;s first visit (no correction asked before).</source>
        <translation>受理的办件中，申请人首次到窗即受理的件数（此前未要求补正）。</translation>
    </message>
    <message>
        <source>Share done in one visit = accepted at the first visit ÷ accepted.</source>
        <translation>一次办结占比 = 首次到窗即受理的件数 ÷ 受理件数。</translation>
    </message>
    <message>
        <source>Visits per matter = the visits the applicants made up to acceptance, summed over the cases accepted ÷ accepted.</source>
        <translation>每件跑动次数 = 受理的办件截至受理时申请人到窗次数之和 ÷ 受理件数。</translation>
    </message>
    <message>
        <source>One-time notices (补正) issued, counted on the day of the notice, at the site, window and clerk who issued them.</source>
        <translation>出具的一次性告知书（补正），按告知当日计，计入出具的站点、窗口和受理员。</translation>
    </message>
    <message>
        <source>Non-acceptance notices (不予受理) issued, counted on the day of the notice.</source>
        <translation>出具的不予受理通知书，按通知当日计。</translation>
    </message>
    <message>
        <source>Results sent by EMS, counted on the day sent, at the site, window and clerk who sent them.</source>
        <translation>通过EMS寄出的办理结果，按寄出当日计，计入寄出的站点、窗口和受理员。</translation>
    </message>
    <message>
        <source>Satisfaction ratings (好差评) given, counted on the day given, with the clerk rated.</source>
        <translation>收到的好差评，按评价当日计，计入被评价的受理员。</translation>
    </message>
    <message>
        <source>Average grade = the grades summed ÷ ratings (5 very satisfied … 1 very dissatisfied).</source>
        <translation>平均评分 = 评分之和 ÷ 评价数（5 非常满意 … 1 非常不满意）。</translation>
    </message>
    <message>
        <source>Share satisfied = ratings of 3 (basically satisfied) or better ÷ ratings.</source>
        <translation>满意率 = 评分为3（基本满意）及以上的评价数 ÷ 评价数。</translation>
    </message>
    <message>
        <source>%1 to %2, %3</source>
        <translation>%1 至 %2，%3</translation>
    </message>
    <message>
        <source>stop the legal clock for a special procedure</source>
        <translation>因特别程序暂停法定时限计时</translation>
    </message>
</context>
<context>
    <name>ow::AcceptanceReceipt</name>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Acceptance Receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>编号：%1</translation>
    </message>
    <message>
        <source>Scan to follow the case</source>
        <translation>扫码查询办理进度</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID document</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <source>Agent&apos;s ID document</source>
        <translation>代理人证件号码</translation>
    </message>
    <message>
        <source>Joint application: %1</source>
        <translation>联办事项：%1</translation>
    </message>
    <message>
        <source>Items applied for</source>
        <translation>申请事项</translation>
    </message>
    <message numerus="yes">
        <source>(within %n working day(s))</source>
        <translation>
            <numerusform>（%n个工作日内）</numerusform>
        </translation>
    </message>
    <message>
        <source>[provisional]</source>
        <translation>（暂定）</translation>
    </message>
    <message>
        <source>Completed on the spot</source>
        <translation>当场办结</translation>
    </message>
    <message>
        <source>Accepted at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Promised completion</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <source>Delivery of the result</source>
        <translation>结果送达方式</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>收费金额</translation>
    </message>
    <message>
        <source>Query phone</source>
        <translation>查询电话</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Service site</source>
        <translation>受理网点</translation>
    </message>
    <message numerus="yes">
        <source>Materials received (%n item(s))</source>
        <translation>
            <numerusform>已收材料（共%n项）</numerusform>
        </translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <source>For item</source>
        <translation>所属事项</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Reused: %1</source>
        <translation>复用：%1</translation>
    </message>
    <message>
        <source>Brought to the window</source>
        <translation>申请人现场提交</translation>
    </message>
    <message>
        <source>1. Keep this receipt. Show it, with your ID document, to collect the result or to ask about the case.</source>
        <translation>1. 请妥善保管本回执。领取办理结果或查询办件时，请出示本回执及本人身份证件。</translation>
    </message>
    <message>
        <source>2. To ask about progress call %1, or scan the QR code above.</source>
        <translation>2. 查询办理进度，请拨打%1或扫描上方二维码。</translation>
    </message>
    <message>
        <source>3. The time limit counts working days; statutory holidays are not counted.</source>
        <translation>3. 办理时限按工作日计算，法定节假日不计算在内。</translation>
    </message>
    <message>
        <source>4. The completion date is provisional: the holiday calendar of that year has not been published yet. The centre will confirm it.</source>
        <translation>4. 承诺办结日期为暂定日期：当年节假日安排尚未公布，本中心将另行确认。</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>注意事项</translation>
    </message>
    <message>
        <source>Applicant (signature):</source>
        <translation>申请人（签字）：</translation>
    </message>
    <message>
        <source>Accepting clerk (signature):</source>
        <translation>受理人（签字）：</translation>
    </message>
    <message>
        <source>Centre seal:</source>
        <translation>中心（盖章）：</translation>
    </message>
</context>
<context>
    <name>ow::AuditLog</name>
    <message>
        <source>An audit entry names its action.</source>
        <translation>审计记录须写明操作。</translation>
    </message>
    <message>
        <source>An audit entry names who acted; no one is signed in.</source>
        <translation>审计记录须写明操作人；当前无人登录。</translation>
    </message>
    <message>
        <source>Entry %1 follows a removed entry: entry %2 is missing.</source>
        <translation>第%1条记录之前的记录已被删除：缺少第%2条。</translation>
    </message>
    <message>
        <source>Entry %1 follows removed entries: entries %2 to %3 are missing.</source>
        <translation>第%1条记录之前的记录已被删除：缺少第%2至%3条。</translation>
    </message>
    <message>
        <source>Entry %1 is out of order: it was written after entry %2, not after entry %3.</source>
        <translation>第%1条记录顺序被调换：它写在第%2条之后，而不是第%3条之后。</translation>
    </message>
    <message>
        <source>Entry %1 does not link to entry %2 before it: one of the two was changed.</source>
        <translation>第%1条记录与其前一条（第%2条）衔接不上：两者之一已被改动。</translation>
    </message>
    <message>
        <source>Entry %1 (%2, %3) was changed after it was written: its content does not match its hash.</source>
        <translation>第%1条记录（%2，%3）写入后被改动：内容与其哈希值不符。</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %n entry(ies).</source>
        <translation>
            <numerusform>审计日志完整：共%n条记录。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ow::AuthService</name>
    <message>
        <source>The number of failed sign-ins before a lock-out is 1 to 100.</source>
        <translation>锁定前允许的连续登录失败次数为1至100次。</translation>
    </message>
    <message>
        <source>A lock-out lasts 0 (until unlocked) to 10080 minutes.</source>
        <translation>锁定时长为0（直至解锁）至10080分钟。</translation>
    </message>
    <message>
        <source>The screen locks after 0 (never) to 1440 idle minutes.</source>
        <translation>无操作锁屏时间为0（从不锁屏）至1440分钟。</translation>
    </message>
    <message>
        <source>The shortest password allowed is 6 to 128 characters.</source>
        <translation>密码最短长度须为6至128个字符。</translation>
    </message>
    <message>
        <source>The sign-in policy was not changed.</source>
        <translation>登录策略未修改。</translation>
    </message>
    <message numerus="yes">
        <source>The password needs at least %n character(s).</source>
        <translation>
            <numerusform>密码至少需要%n个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The password is longer than 1024 characters.</source>
        <translation>密码超过1024个字符。</translation>
    </message>
    <message>
        <source>The password may not be the login.</source>
        <translation>密码不得与登录名相同。</translation>
    </message>
    <message>
        <source>The login is empty.</source>
        <translation>登录名为空。</translation>
    </message>
    <message>
        <source>The login &quot;%1&quot; may hold only letters, digits and . _ @ - (at most 64).</source>
        <translation>登录名“%1”只能包含字母、数字及 . _ @ -（最多64个字符）。</translation>
    </message>
    <message>
        <source>The login &quot;system&quot; is reserved for the machine&apos;s operator.</source>
        <translation>登录名“system”保留给本机操作员使用。</translation>
    </message>
    <message>
        <source>The user&apos;s name is empty.</source>
        <translation>用户姓名为空。</translation>
    </message>
    <message>
        <source>The user&apos;s name is longer than 100 characters.</source>
        <translation>用户姓名超过100个字符。</translation>
    </message>
    <message>
        <source>The user was not added.</source>
        <translation>未添加该用户。</translation>
    </message>
    <message>
        <source>This store has users already: the first administrator can be created only on a store without any.</source>
        <translation>本数据库已有用户：只有在没有任何用户时才能创建首个管理员。</translation>
    </message>
    <message>
        <source>The login %1 is taken (by %2).</source>
        <translation>登录名 %1 已被占用（%2）。</translation>
    </message>
    <message>
        <source>There is no user %1.</source>
        <translation>没有用户 %1。</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <source>The account %1 is locked after too many failed sign-ins. A supervisor must unlock it.</source>
        <translation>账号 %1 因连续登录失败次数过多已被锁定，须由负责人解锁。</translation>
    </message>
    <message>
        <source>The account %1 is locked after too many failed sign-ins until %2, or until a supervisor unlocks it.</source>
        <translation>账号 %1 因连续登录失败次数过多已被锁定，至 %2 自动解除，或由负责人提前解锁。</translation>
    </message>
    <message>
        <source>Only a signed-in user can resume a locked screen.</source>
        <translation>只有已登录的用户才能解除锁屏。</translation>
    </message>
    <message>
        <source>The account changed while the screen was locked.</source>
        <translation>锁屏期间账号已发生变化。</translation>
    </message>
    <message>
        <source>Unknown login or wrong password.</source>
        <translation>登录名不存在或密码错误。</translation>
    </message>
    <message>
        <source>The account %1 is disabled. An administrator can enable it.</source>
        <translation>账号 %1 已停用，可由管理员重新启用。</translation>
    </message>
    <message>
        <source>Wrong password for %1.</source>
        <translation>%1 的密码错误。</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s) left before the account locks.</source>
        <translation>
            <numerusform>再失败%n次账号将被锁定。</numerusform>
        </translation>
    </message>
    <message>
        <source>You cannot change your own role.</source>
        <translation>不能更改自己的角色。</translation>
    </message>
</context>
<context>
    <name>ow::Barcode</name>
    <message>
        <source>Out of memory for a barcode.</source>
        <translation>生成条码时内存不足。</translation>
    </message>
    <message>
        <source>Cannot encode &quot;%1&quot; as a barcode: %2</source>
        <translation>无法将“%1”编码为条码：%2</translation>
    </message>
</context>
<context>
    <name>ow::Callback</name>
    <message>
        <source>Proxy service</source>
        <translation>代办服务</translation>
    </message>
    <message>
        <source>Bad rating</source>
        <translation>差评</translation>
    </message>
    <message>
        <source>Returned mailing</source>
        <translation>邮件退回</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>ow::CallbackRules</name>
    <message>
        <source>Proxy service completed (%1): call the applicant back and tell them it is done.</source>
        <translation>代办事项已办结（%1）：请回访申请人，告知已办理完毕。</translation>
    </message>
</context>
<context>
    <name>ow::CallbackService</name>
    <message>
        <source>Say why the call-back is needed (the reason is missing).</source>
        <translation>请说明回访原因（原因未填写）。</translation>
    </message>
    <message>
        <source>The due date %1 is in the past.</source>
        <translation>到期日 %1 已经过去。</translation>
    </message>
    <message>
        <source>There is no case with the number %1.</source>
        <translation>没有编号为 %1 的办件。</translation>
    </message>
    <message>
        <source>Name the site the call-back belongs to (--site).</source>
        <translation>请指明回访任务所属的服务点（--site）。</translation>
    </message>
    <message>
        <source>Name the call-back by its id or the first 8 characters of it or more; %1 is too short.</source>
        <translation>请用回访任务的编号或其前 8 位以上字符指明任务；%1 太短。</translation>
    </message>
    <message>
        <source>There is no call-back %1.</source>
        <translation>没有回访任务 %1。</translation>
    </message>
    <message>
        <source>%1 names %2 call-backs: give more of the id.</source>
        <translation>%1 对应 %2 个回访任务：请输入更长的编号。</translation>
    </message>
    <message>
        <source>Record the result of the call-back (what was said, or why no one could be reached).</source>
        <translation>请记录回访结果（沟通内容，或未能联系上的原因）。</translation>
    </message>
    <message>
        <source>The call-back %1 was already done on %2 by %3.</source>
        <translation>回访任务 %1 已于 %2 由 %3 完成。</translation>
    </message>
</context>
<context>
    <name>ow::CaseArchive</name>
    <message>
        <source>The page file %1 cannot be read.</source>
        <translation>页面文件 %1 无法读取。</translation>
    </message>
    <message>
        <source>Electronic Case File</source>
        <translation>电子档案</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>办件 %1</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>ID document</source>
        <translation>证件</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <source>Agent&apos;s ID document</source>
        <translation>代理人证件</translation>
    </message>
    <message>
        <source>Joint application: %1</source>
        <translation>联办：%1</translation>
    </message>
    <message>
        <source>Items applied for</source>
        <translation>申请事项</translation>
    </message>
    <message>
        <source>Accepted at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Service site</source>
        <translation>服务网点</translation>
    </message>
    <message numerus="yes">
        <source>Materials (%n page(s) in this file)</source>
        <translation>
            <numerusform>申请材料（本档案共 %n 页）</numerusform>
        </translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Reused: %1</source>
        <translation>复用：%1</translation>
    </message>
    <message>
        <source>No material of this case was captured as pages.</source>
        <translation>本办件的材料均未采集电子页面。</translation>
    </message>
    <message>
        <source>%1 — page %2 of %3</source>
        <translation>%1 — 第 %2 页，共 %3 页</translation>
    </message>
    <message>
        <source>Electronic Case File %1</source>
        <translation>电子档案 %1</translation>
    </message>
    <message>
        <source>The page %1 is missing from the PDF written.</source>
        <translation>写出的 PDF 中缺少页面 %1。</translation>
    </message>
    <message>
        <source>The page file %1 cannot be read: %2</source>
        <translation>页面文件 %1 无法读取：%2</translation>
    </message>
</context>
<context>
    <name>ow::CaseDocuments</name>
    <message>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>Mainland travel permit for Hong Kong and Macao residents</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <source>Mainland travel permit for Taiwan residents</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <source>Foreign permanent resident ID card</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <source>Other ID document</source>
        <translation>其他有效身份证件</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>From case %1</source>
        <translation>复用办件 %1</translation>
    </message>
    <message>
        <source>E-licence %1</source>
        <translation>电子证照 %1</translation>
    </message>
    <message>
        <source>acceptance receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>one-time notice</source>
        <translation>一次性告知书</translation>
    </message>
    <message>
        <source>non-acceptance notice</source>
        <translation>不予受理通知书</translation>
    </message>
    <message>
        <source>completion notice</source>
        <translation>办结（领取）通知书</translation>
    </message>
    <message>
        <source>EMS mailing slip</source>
        <translation>EMS邮寄单</translation>
    </message>
    <message>
        <source>daily ledger</source>
        <translation>窗口日台账</translation>
    </message>
    <message>
        <source>C</source>
        <extracomment>The kind character of a document number: 受 (acceptance) or 办 (completion)</extracomment>
        <translation>办</translation>
    </message>
    <message>
        <source>A</source>
        <translation>受</translation>
    </message>
    <message>
        <source>A daily ledger is of a day, not of a case.</source>
        <translation>窗口日台账按日期打印，而不是按办件。</translation>
    </message>
    <message>
        <source>No case or notice has the number %1.</source>
        <translation>没有编号为 %1 的办件或通知书。</translation>
    </message>
    <message>
        <source>Case %1 was not accepted (status: %2): it has no acceptance receipt.</source>
        <translation>办件 %1 未受理（状态：%2），没有受理回执。</translation>
    </message>
    <message>
        <source>No correction was requested for case %1 (status: %2): it has no one-time notice.</source>
        <translation>办件 %1 未要求补正（状态：%2），没有一次性告知书。</translation>
    </message>
    <message>
        <source>Case %1 was not refused at the window (status: %2): it has no non-acceptance notice.</source>
        <translation>办件 %1 未在窗口作出不予受理决定（状态：%2），没有不予受理通知书。</translation>
    </message>
    <message>
        <source>Case %1 is not completed (status: %2): it has no completion notice yet.</source>
        <translation>办件 %1 尚未办结（状态：%2），还没有办结通知书。</translation>
    </message>
    <message>
        <source>Case %1 was not accepted (status: %2): there is nothing to mail.</source>
        <translation>办件 %1 未受理（状态：%2），没有需要邮寄的结果。</translation>
    </message>
    <message>
        <source>The result of case %1 is not mailed (delivery: %2): it has no EMS slip.</source>
        <translation>办件 %1 的结果不邮寄（送达方式：%2），没有EMS邮寄单。</translation>
    </message>
    <message>
        <source>The applicant of case %1 is missing from the store.</source>
        <translation>本地数据库中缺少办件 %1 的申请人。</translation>
    </message>
    <message>
        <source>Not submitted; the application requires it.</source>
        <translation>未提交，该申请必须提交此材料。</translation>
    </message>
    <message>
        <source>Article 32(1)(4) of the Administrative Licensing Law of the People&apos;s Republic of China</source>
        <translation>《中华人民共和国行政许可法》第三十二条第一款第（四）项</translation>
    </message>
    <message>
        <source>Completed: approved</source>
        <translation>已办结：准予办理</translation>
    </message>
    <message>
        <source>This notice or the acceptance receipt</source>
        <translation>本通知书或受理回执</translation>
    </message>
    <message>
        <source>The applicant&apos;s ID document (the original)</source>
        <translation>申请人有效身份证件原件</translation>
    </message>
    <message>
        <source>The agent&apos;s ID document and the written authorisation</source>
        <translation>代理人身份证件及授权委托书</translation>
    </message>
    <message>
        <source>The first EMS slip of case %1 needs its waybill number.</source>
        <translation>办件 %1 首次打印EMS邮寄单须提供运单号。</translation>
    </message>
    <message>
        <source>The waybill %1 was already used for case %2.</source>
        <translation>运单号 %1 已用于办件 %2。</translation>
    </message>
    <message>
        <source>A daily ledger needs a valid date (yyyy-MM-dd).</source>
        <translation>窗口日台账需要有效日期（yyyy-MM-dd）。</translation>
    </message>
    <message>
        <source>all windows</source>
        <translation>全部窗口</translation>
    </message>
    <message>
        <source>The ledger subject %1 is not &lt;site&gt;/&lt;window&gt;/&lt;date&gt;.</source>
        <translation>台账标识 %1 不是“网点/窗口/日期”格式。</translation>
    </message>
    <message>
        <source>electronic case file</source>
        <translation>电子档案</translation>
    </message>
    <message>
        <source>Case %1 was not accepted (status: %2): it has no electronic case file.</source>
        <translation>办件 %1 未受理（状态：%2），没有电子档案。</translation>
    </message>
</context>
<context>
    <name>ow::CaseLifeService</name>
    <message>
        <source>forwarded to a department</source>
        <translation>转部门审批</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>审批通过</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>put out for pick-up</source>
        <translation>转为待领取</translation>
    </message>
    <message>
        <source>handed over</source>
        <translation>交付领取</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>nothing more, the case is closed</source>
        <translation>无，办件已终结</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Case %1 is %2: it cannot be %3. Allowed next: %4.</source>
        <translation>办件 %1 当前状态为“%2”，不能%3。下一步可以：%4。</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停计时</translation>
    </message>
    <message>
        <source>There is no case with the number %1.</source>
        <translation>没有编号为 %1 的办件。</translation>
    </message>
    <message>
        <source>Name the department case %1 is forwarded to.</source>
        <translation>请填写办件 %1 转送的部门。</translation>
    </message>
    <message>
        <source>forwarded to %1</source>
        <translation>转送%1</translation>
    </message>
    <message>
        <source>Give the reason case %1 is refused.</source>
        <translation>请填写办件 %1 不予批准的理由。</translation>
    </message>
    <message>
        <source>%1 (%2) has no authority to decide item %3 (%4) at the window: case %5 must be forwarded to its department.</source>
        <translation>%1（%2）无权在窗口审批事项 %3（%4）：办件 %5 须转送其审批部门。</translation>
    </message>
    <message>
        <source>Case %1 is delivered by %2, not picked up at the window.</source>
        <translation>办件 %1 的送达方式为 %2，不在窗口领取。</translation>
    </message>
    <message>
        <source>The ID number %1 is not that of the applicant of case %2 nor of their agent: hand the result only to the applicant, or to a person they authorised, recorded as authorised with that person&apos;s own ID.</source>
        <translation>证件号码 %1 既不是办件 %2 申请人的，也不是其代理人的：结果只能交给申请人本人，或交给其授权的人，登记为受托人并核验受托人本人的证件。</translation>
    </message>
    <message>
        <source>handed to %1 (authorised)</source>
        <translation>由 %1 领取（受托人）</translation>
    </message>
    <message>
        <source>handed to %1</source>
        <translation>由 %1 领取</translation>
    </message>
    <message>
        <source>Give the reason case %1 is withdrawn.</source>
        <translation>请填写办件 %1 撤回的理由。</translation>
    </message>
    <message>
        <source>A pause of the clock is for a correction or a special procedure (correction, special), not %1.</source>
        <translation>暂停计时只用于补正或特别程序（correction、special），不能是 %1。</translation>
    </message>
    <message>
        <source>Case %1 is %2: its clock does not run, so it cannot be paused.</source>
        <translation>办件 %1 当前状态为“%2”：时限未在计算，不能暂停。</translation>
    </message>
    <message>
        <source>The clock of case %1 is already paused since %2.</source>
        <translation>办件 %1 自 %2 起已暂停计时。</translation>
    </message>
    <message>
        <source>The clock of case %1 is not paused.</source>
        <translation>办件 %1 没有暂停计时。</translation>
    </message>
    <message>
        <source>Name the user and the item they may approve at the window.</source>
        <translation>请填写用户及其可在窗口审批的事项。</translation>
    </message>
    <message>
        <source>%1 has no authority to approve item %2 at the window.</source>
        <translation>%1 没有在窗口审批事项 %2 的权限。</translation>
    </message>
    <message>
        <source>mailed</source>
        <translation>寄出</translation>
    </message>
    <message>
        <source>The result of case %1 goes to the locker %2: put it in the locker with its compartment and pick-up code.</source>
        <translation>办件 %1 的办理结果投放至智能柜 %2：请投入智能柜并登记格口和取件码。</translation>
    </message>
    <message>
        <source>Case %1 is delivered by %2, not through a locker.</source>
        <translation>办件 %1 的送达方式为“%2”，不经智能柜领取。</translation>
    </message>
    <message>
        <source>Case %1 is %2: its result is collected once it is in the locker.</source>
        <translation>办件 %1 当前状态为“%2”：办理结果投入智能柜后方可取件。</translation>
    </message>
    <message>
        <source>Give the locker compartment case %1 is put in.</source>
        <translation>请填写办件 %1 投放的智能柜格口。</translation>
    </message>
    <message>
        <source>The compartment %1 is not a compartment number (up to 16 letters, digits and hyphens).</source>
        <translation>“%1”不是有效的格口号（最多 16 位字母、数字和连字符）。</translation>
    </message>
    <message>
        <source>Give the pick-up code the locker gave for case %1.</source>
        <translation>请填写智能柜为办件 %1 生成的取件码。</translation>
    </message>
    <message>
        <source>The pick-up code %1 is not a pick-up code (4 to 12 letters and digits).</source>
        <translation>“%1”不是有效的取件码（4 至 12 位字母和数字）。</translation>
    </message>
    <message>
        <source>collected from the locker %1, compartment %2</source>
        <translation>已从智能柜 %1 格口 %2 取件</translation>
    </message>
    <message>
        <source>collected from the locker %1</source>
        <translation>已从智能柜 %1 取件</translation>
    </message>
    <message>
        <source>in the locker: compartment %1</source>
        <translation>已投入智能柜：格口 %1</translation>
    </message>
</context>
<context>
    <name>ow::CaseNumberAllocator</name>
    <message>
        <source>The site code &quot;%1&quot; is not valid: 1 to 32 letters and digits.</source>
        <translation>网点代码“%1”无效：应为1至32位字母或数字。</translation>
    </message>
    <message>
        <source>The date is not valid.</source>
        <translation>日期无效。</translation>
    </message>
</context>
<context>
    <name>ow::CaseStatus</name>
    <message>
        <source>Correction requested</source>
        <translation>待补正</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>First review</source>
        <translation>初审</translation>
    </message>
    <message>
        <source>Forwarded to the department</source>
        <translation>已转部门审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>审批通过</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Awaiting pick-up</source>
        <translation>待领取</translation>
    </message>
    <message>
        <source>Mailed</source>
        <translation>已寄出</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
</context>
<context>
    <name>ow::CatalogueCsv</name>
    <message>
        <source>The CSV file is malformed.</source>
        <translation>CSV 文件格式错误。</translation>
    </message>
    <message>
        <source>Text after a closing quote; a quote inside a quoted field is written &quot;&quot;.</source>
        <translation>结束引号后还有文本；带引号字段中的引号应写作 &quot;&quot;。</translation>
    </message>
    <message>
        <source>A quote inside an unquoted field; quote the whole field and double the quote.</source>
        <translation>未加引号的字段中含有引号；请给整个字段加上引号，并将其中的引号写成两个。</translation>
    </message>
    <message>
        <source>A quoted field is not closed.</source>
        <translation>带引号的字段未闭合。</translation>
    </message>
    <message>
        <source>The item %1 is not in %2.</source>
        <translation>事项 %1 不在 %2 中。</translation>
    </message>
    <message>
        <source>The file has no header row.</source>
        <translation>文件没有表头行。</translation>
    </message>
    <message>
        <source>Unknown column %1; the columns are: %2.</source>
        <translation>未知列 %1；可用的列为：%2。</translation>
    </message>
    <message>
        <source>The column is given twice.</source>
        <translation>该列重复出现。</translation>
    </message>
    <message>
        <source>The required column %1 is missing.</source>
        <translation>缺少必需的列 %1。</translation>
    </message>
    <message>
        <source>The row has %1 fields; the header has %2.</source>
        <translation>该行有%1个字段，而表头有%2个。</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 为必填项。</translation>
    </message>
    <message>
        <source>%1 must be an integer; it is %2.</source>
        <translation>%1 必须是整数；当前值为 %2。</translation>
    </message>
    <message>
        <source>%1 must be 0 or 1; it is %2.</source>
        <translation>%1 必须为0或1；当前值为 %2。</translation>
    </message>
    <message>
        <source>%1 must be a date written YYYY-MM-DD.</source>
        <translation>%1 必须是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>feeYuan must be a number; it is %1.</source>
        <translation>收费金额 feeYuan 必须是数字；当前值为 %1。</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>The file is larger than %1 MB and was not read.</source>
        <translation>文件超过 %1 MB，未读取。</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message numerus="yes">
        <source>The catalogue has %n problem(s).</source>
        <translation>
            <numerusform>事项目录有%n处问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>The entry %1 begins or ends with a space, which CSV lists do not keep.</source>
        <translation>条目%1以空格开头或结尾，CSV 列表不保留这样的空格。</translation>
    </message>
    <message>
        <source>The file %1 cannot be read as text.</source>
        <translation>文件 %1 无法作为文本读取。</translation>
    </message>
    <message>
        <source>The file begins with the byte order mark of UTF-8: it is UTF-8, not GB18030. Import it without --encoding gb18030.</source>
        <translation>文件以 UTF-8 的字节顺序标记开头：它是 UTF-8 编码，不是 GB18030。请不加 --encoding gb18030 导入。</translation>
    </message>
    <message>
        <source>Byte %1 (byte %2 of the file) is not UTF-8: the file is in another encoding, such as the GBK that Excel writes on a Chinese Windows PC. Save it as &quot;CSV UTF-8 (comma delimited)&quot; in Excel, or import it with --encoding gb18030.</source>
        <translation>字节 %1（文件第%2个字节）不是 UTF-8：文件采用了其他编码，例如中文 Windows 电脑上 Excel 保存的 GBK。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，或加 --encoding gb18030 导入。</translation>
    </message>
    <message>
        <source>Byte %1 (byte %2 of the file) is not GB18030 (GBK): the file is in another encoding. Save it as &quot;CSV UTF-8 (comma delimited)&quot; in Excel and import it without --encoding.</source>
        <translation>字节 %1（文件第%2个字节）不是 GB18030（GBK）：文件采用了其他编码。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，并不加 --encoding 导入。</translation>
    </message>
    <message>
        <source>The file cannot be decoded as GB18030 on this computer.</source>
        <translation>本机无法按 GB18030 解码该文件。</translation>
    </message>
    <message>
        <source>The last line does not end with a line break: the file may have been cut off in the middle of a row. If it is complete, end it with a line break.</source>
        <translation>最后一行没有以换行结尾：文件可能在某一行中间被截断。如果文件完整，请在末尾加一个换行。</translation>
    </message>
    <message>
        <source>The file %1 does not exist. The forms of the items are in forms.csv beside %2: write its header row alone when no item has a form.</source>
        <translation>文件 %1 不存在。事项的申请表在 %2 旁边的 forms.csv 中：如果没有事项有申请表，请只写其标题行。</translation>
    </message>
    <message>
        <source>The item %1 has no row in %2. If it asks for no material, write 1 in its noMaterials column; otherwise %2 is incomplete.</source>
        <translation>事项%1在 %2 中没有任何行。如果该事项不需要材料，请在其 noMaterials 列填 1；否则 %2 不完整。</translation>
    </message>
    <message>
        <source>The item %1 has materials here, but noMaterials = 1 in %2.</source>
        <translation>事项%1在此处有材料，但在 %2 中 noMaterials = 1。</translation>
    </message>
    <message>
        <source>The catalogue cannot be written as CSV.</source>
        <translation>事项目录无法写成 CSV。</translation>
    </message>
    <message>
        <source>The folder %1 cannot be made.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ow::CatalogueJson</name>
    <message>
        <source>The catalogue is larger than %1 MB and was not read.</source>
        <translation>事项目录超过 %1 MB，未读取。</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>第%1行第%2列</translation>
    </message>
    <message>
        <source>The file is not valid JSON: %1.</source>
        <translation>文件不是有效的 JSON：%1。</translation>
    </message>
    <message>
        <source>The file is not valid JSON (line %1, column %2): %3.</source>
        <translation>文件不是有效的 JSON（第%1行第%2列）：%3。</translation>
    </message>
    <message>
        <source>The field %1 is given twice in the same object.</source>
        <translation>字段 %1 在同一对象中出现了两次。</translation>
    </message>
    <message>
        <source>A catalogue is a JSON object.</source>
        <translation>事项目录应为一个 JSON 对象。</translation>
    </message>
    <message>
        <source>The catalogue file %1 does not exist.</source>
        <translation>目录文件 %1 不存在。</translation>
    </message>
    <message>
        <source>The catalogue file %1 is larger than %2 MB and was not read.</source>
        <translation>目录文件 %1 超过 %2 MB，未读取。</translation>
    </message>
    <message>
        <source>The catalogue file %1 cannot be read: %2</source>
        <translation>无法读取目录文件 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Unknown field %1 (a misspelt field would silently drop a rule).</source>
        <translation>未知字段 %1（字段名拼写错误会导致规则被悄然忽略）。</translation>
    </message>
    <message>
        <source>The required field %1 is missing.</source>
        <translation>缺少必需字段 %1。</translation>
    </message>
    <message>
        <source>%1 must be %2.</source>
        <translation>%1 必须是%2。</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>%1 must be a date written YYYY-MM-DD.</source>
        <translation>%1 必须是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>format must be &quot;onewindow-catalogue&quot;; it is %1.</source>
        <translation>format 必须为 &quot;onewindow-catalogue&quot;；当前为 %1。</translation>
    </message>
    <message>
        <source>formatVersion %1 is not supported; this program reads version 1.</source>
        <translation>不支持 formatVersion %1；本程序只能读取第1版。</translation>
    </message>
    <message>
        <source>%1 (line %2)</source>
        <translation>%1（第%2行）</translation>
    </message>
    <message>
        <source>the document</source>
        <translation>该文档</translation>
    </message>
    <message numerus="yes">
        <source>The catalogue has %n problem(s).</source>
        <translation>
            <numerusform>事项目录有%n处问题。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ow::CatalogueNames</name>
    <message>
        <source>%1 is not one of: %2.</source>
        <translation>%1 不是以下值之一：%2。</translation>
    </message>
</context>
<context>
    <name>ow::CatalogueRepository</name>
    <message>
        <source>The code %1 is already used by another kind of catalogue entry.</source>
        <translation>编码 %1 已被另一类目录条目使用。</translation>
    </message>
    <message>
        <source>There is no item %1 in the catalogue.</source>
        <translation>事项目录中没有事项 %1。</translation>
    </message>
    <message>
        <source>There is no joint item %1 in the catalogue.</source>
        <translation>事项目录中没有联办事项 %1。</translation>
    </message>
    <message>
        <source>Version %1 of the item %2 is not in this store.</source>
        <translation>本地数据库中没有事项 %2 的第%1版。</translation>
    </message>
    <message>
        <source>The stored catalogue entry %1 cannot be read: %2</source>
        <translation>无法读取已存储的目录条目 %1：%2</translation>
    </message>
</context>
<context>
    <name>ow::CatalogueService</name>
    <message>
        <source>%1 is neither a catalogue JSON file (.json) nor an items.csv file (.csv).</source>
        <translation>%1 既不是目录 JSON 文件（.json），也不是 items.csv 文件（.csv）。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <source>A catalogue JSON file is always UTF-8: an encoding applies to CSV files only.</source>
        <translation>事项目录 JSON 文件总是 UTF-8 编码：指定编码仅适用于 CSV 文件。</translation>
    </message>
</context>
<context>
    <name>ow::CatalogueValidator</name>
    <message>
        <source>%1 must not be empty.</source>
        <translation>%1 不能为空。</translation>
    </message>
    <message>
        <source>%1 must be %2 to %3 characters long; it has %4.</source>
        <translation>%1 的长度必须为%2至%3个字符；当前为%4个。</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3; it is %4.</source>
        <translation>%1 必须在%2至%3之间；当前为%4。</translation>
    </message>
    <message>
        <source>The code %1 must be 1 to 64 of the characters A-Z a-z 0-9 - _ .</source>
        <translation>编码 %1 必须为1至64个字符，且只能使用 A-Z a-z 0-9 - _ . 这些字符。</translation>
    </message>
    <message>
        <source>The condition is longer than %1 characters.</source>
        <translation>条件超过%1个字符。</translation>
    </message>
    <message>
        <source>The condition %1 does not parse: %2</source>
        <translation>条件 %1 无法解析：%2</translation>
    </message>
    <message>
        <source>%1 has more than %2 entries.</source>
        <translation>%1 超过%2项。</translation>
    </message>
    <message>
        <source>The code %1 is used twice (also at %2).</source>
        <translation>编码 %1 重复使用（另见 %2）。</translation>
    </message>
    <message>
        <source>The code %1 is already an item&apos;s code.</source>
        <translation>编码 %1 已被某个事项使用。</translation>
    </message>
    <message>
        <source>The code %1 is already a joint item&apos;s code.</source>
        <translation>编码 %1 已被某个联办事项使用。</translation>
    </message>
    <message>
        <source>promisedLimitDays (%1) must not exceed legalLimitDays (%2).</source>
        <translation>承诺时限 promisedLimitDays（%1）不得超过法定时限 legalLimitDays（%2）。</translation>
    </message>
    <message>
        <source>feeYuan must be a number of at least 0.</source>
        <translation>收费金额 feeYuan 必须是不小于0的数。</translation>
    </message>
    <message>
        <source>levels must name at least one of: %1.</source>
        <translation>办理层级 levels 至少须包含以下之一：%1。</translation>
    </message>
    <message>
        <source>delivery must name at least one of: %1.</source>
        <translation>送达方式 delivery 至少须包含以下之一：%1。</translation>
    </message>
    <message>
        <source>materials has more than %1 entries.</source>
        <translation>申请材料 materials 超过%1项。</translation>
    </message>
    <message>
        <source>form has more than %1 entries.</source>
        <translation>申请表 form 超过%1项。</translation>
    </message>
    <message>
        <source>An item cannot be related to itself.</source>
        <translation>事项不能与自身关联。</translation>
    </message>
    <message>
        <source>The related item %1 does not exist.</source>
        <translation>关联事项 %1 不存在。</translation>
    </message>
    <message>
        <source>effectiveTo (%1) is before effectiveFrom (%2).</source>
        <translation>失效日期 effectiveTo（%1）早于生效日期 effectiveFrom（%2）。</translation>
    </message>
    <message>
        <source>The material id %1 must be 1 to 64 of a-z 0-9 -.</source>
        <translation>材料标识 %1 必须为1至64个字符，且只能使用 a-z、0-9 和 -。</translation>
    </message>
    <message>
        <source>The material id %1 is used twice in this item (also at materials[%2]).</source>
        <translation>材料标识 %1 在本事项中重复使用（另见 materials[%2]）。</translation>
    </message>
    <message>
        <source>A conditional material needs a condition.</source>
        <translation>视情形提交的材料必须设置条件。</translation>
    </message>
    <message>
        <source>Only a conditional material has a condition; this one is %1.</source>
        <translation>只有视情形提交的材料才能设置条件；此材料为 %1。</translation>
    </message>
    <message>
        <source>The field key %1 must be a-z followed by up to 63 of a-z 0-9 _.</source>
        <translation>字段键 %1 必须以 a-z 开头，其后最多63个 a-z、0-9 或 _ 字符。</translation>
    </message>
    <message>
        <source>The field key %1 is used twice in this item (also at form[%2]).</source>
        <translation>字段键 %1 在本事项中重复使用（另见 form[%2]）。</translation>
    </message>
    <message>
        <source>The pattern is longer than 500 characters.</source>
        <translation>格式规则（正则表达式）超过500个字符。</translation>
    </message>
    <message>
        <source>The pattern %1 does not compile: %2 (at offset %3).</source>
        <translation>正则表达式 %1 无法编译：%2（位置 %3）。</translation>
    </message>
    <message>
        <source>A choice field needs options.</source>
        <translation>选择字段必须设置选项。</translation>
    </message>
    <message>
        <source>Only a choice field has options.</source>
        <translation>只有选择字段才能设置选项。</translation>
    </message>
    <message>
        <source>A joint item needs at least 2 members.</source>
        <translation>联办事项至少须包含2个成员事项。</translation>
    </message>
    <message>
        <source>The member item %1 does not exist.</source>
        <translation>成员事项 %1 不存在。</translation>
    </message>
    <message>
        <source>The member item %1 is listed twice.</source>
        <translation>成员事项 %1 重复列出。</translation>
    </message>
    <message>
        <source>The item %1 does not exist.</source>
        <translation>事项 %1 不存在。</translation>
    </message>
    <message>
        <source>A rule needs a condition (&quot;true&quot; for always).</source>
        <translation>规则必须设置条件（始终适用时写 &quot;true&quot;）。</translation>
    </message>
</context>
<context>
    <name>ow::CentralAdmin</name>
    <message>
        <source>The central database is at schema %1; this program needs %2. Run `onewindow-admin central migrate` first.</source>
        <translation>中心数据库的结构版本为 %1，本程序需要 %2。请先运行 `onewindow-admin central migrate`。</translation>
    </message>
    <message>
        <source>The central database was migrated by a newer version of OneWindow (schema %1); use the newer version.</source>
        <translation>中心数据库已由更高版本的一窗通迁移（结构版本 %1）；请使用更高版本。</translation>
    </message>
    <message>
        <source>A site code is 1 to 32 ASCII letters and digits.</source>
        <translation>网点代码应为1至32位 ASCII 字母或数字。</translation>
    </message>
    <message>
        <source>The site needs a name.</source>
        <translation>网点必须有名称。</translation>
    </message>
    <message>
        <source>The level must be city, town or village.</source>
        <translation>层级必须为 city（市）、town（镇）或 village（村）。</translation>
    </message>
    <message>
        <source>The site cannot be added.</source>
        <translation>无法添加网点。</translation>
    </message>
    <message>
        <source>The site %1 (or its login role) exists already.</source>
        <translation>网点 %1（或其登录角色）已存在。</translation>
    </message>
    <message>
        <source>%1 version %2 is already published with other content; give the changed entry a new version number. Nothing was published.</source>
        <translation>%1 第%2版已以不同的内容发布；请为修改后的条目指定新的版本号。未发布任何内容。</translation>
    </message>
    <message>
        <source>%1 version %2 is older than the version already published. Nothing was published.</source>
        <translation>%1 第%2版早于已发布的版本。未发布任何内容。</translation>
    </message>
    <message>
        <source>The credit grade must be A, B, C or blacklist, not %1.</source>
        <translation>信用等级必须为 A、B、C 或 blacklist（黑名单），而不是 %1。</translation>
    </message>
    <message>
        <source>%1 is not a unified social credit code.</source>
        <translation>%1 不是统一社会信用代码。</translation>
    </message>
    <message>
        <source>There is no case status %1.</source>
        <translation>不存在办件状态 %1。</translation>
    </message>
    <message>
        <source>Say who decided (--by NAME).</source>
        <translation>请注明决定人（--by 姓名）。</translation>
    </message>
    <message>
        <source>There is no case %1 in the central database.</source>
        <translation>中心数据库中没有办件 %1。</translation>
    </message>
    <message>
        <source>The calendar file %1 lists no days.</source>
        <translation>日历文件 %1 中没有列出任何日期。</translation>
    </message>
    <message>
        <source>The password could not be encrypted.</source>
        <translation>无法加密密码。</translation>
    </message>
    <message>
        <source>Setting up PgBouncer&apos;s login needs a superuser: the function it creates reads the password verifiers in pg_shadow. Connect as the administrator (a superuser) and run it again.</source>
        <translation>设置 PgBouncer 的登录需要超级用户：它创建的函数要读取 pg_shadow 中的密码校验值。请以管理员（超级用户）身份连接后重新运行。</translation>
    </message>
    <message>
        <source>The role pgbouncer exists and is a superuser; PgBouncer&apos;s login must not be one. Nothing was changed.</source>
        <translation>角色 pgbouncer 已存在且是超级用户；PgBouncer 的登录不能是超级用户。未做任何更改。</translation>
    </message>
</context>
<context>
    <name>ow::CentralConnection</name>
    <message>
        <source>No central database given: use --central URL or set ONEWINDOW_CENTRAL_URL.</source>
        <translation>未指定中心数据库：请使用 --central URL 或设置环境变量 ONEWINDOW_CENTRAL_URL。</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver (QPSQL) is not installed.</source>
        <translation>未安装 Qt 的 PostgreSQL 驱动（QPSQL）。</translation>
    </message>
    <message>
        <source>Cannot connect to the central database %1: %2</source>
        <translation>无法连接中心数据库 %1：%2</translation>
    </message>
    <message>
        <source>The central database returned no answer.</source>
        <translation>中心数据库没有返回应答。</translation>
    </message>
    <message>
        <source>The central database returned JSON that cannot be read: %1</source>
        <translation>中心数据库返回的 JSON 无法读取：%1</translation>
    </message>
    <message>
        <source>The central database reported an error: %1</source>
        <translation>中心数据库报告错误：%1</translation>
    </message>
    <message>
        <source>The connection to the central database is not a libpq connection.</source>
        <translation>与中心数据库的连接不是 libpq 连接。</translation>
    </message>
    <message>
        <source>The password could not be encrypted: %1</source>
        <translation>无法加密密码：%1</translation>
    </message>
    <message>
        <source>No transaction is open.</source>
        <translation>当前没有已开启的事务。</translation>
    </message>
    <message>
        <source>The connection to the central database is not open.</source>
        <translation>与中心数据库的连接尚未打开。</translation>
    </message>
    <message>
        <source>The central database address names no host.</source>
        <translation>中心数据库地址中未指定主机。</translation>
    </message>
    <message>
        <source>The central database address names no user.</source>
        <translation>中心数据库地址中未指定用户。</translation>
    </message>
    <message>
        <source>The central database address must look like postgresql://user:password@host:5432/database?sslmode=verify-full (or, for a primary and its standbys, postgresql://user:password@host1:5432,host2:5432/database?target_session_attrs=read-write).</source>
        <translation>中心数据库地址应形如 postgresql://用户:密码@主机:5432/数据库?sslmode=verify-full（主库带备库时写作 postgresql://用户:密码@主机1:5432,主机2:5432/数据库?target_session_attrs=read-write）。</translation>
    </message>
</context>
<context>
    <name>ow::CentralMigrations</name>
    <message>
        <source>The database %1 has schemas named ow or ow_api but no OneWindow version table. It was left untouched.</source>
        <translation>数据库 %1 中有名为 ow 或 ow_api 的模式，但没有一窗通版本表。未对其做任何改动。</translation>
    </message>
    <message>
        <source>Migration %1 is missing from this build.</source>
        <translation>本版本程序中缺少迁移 %1。</translation>
    </message>
    <message>
        <source>Central migration %1 failed: %2</source>
        <translation>中心数据库迁移 %1 失败：%2</translation>
    </message>
    <message>
        <source>The central database was migrated by a newer version of OneWindow (schema %1; this program knows up to %2). Nothing was changed; use the newer version.</source>
        <translation>中心数据库已由更高版本的一窗通迁移（结构版本 %1；本程序最高支持 %2）。未做任何更改；请使用更高版本。</translation>
    </message>
</context>
<context>
    <name>ow::CentralPages</name>
    <message>
        <source>There is no case %1 in the central database.</source>
        <translation>中心数据库中没有办件 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The centre has no page %1.</source>
        <translation>中心没有页面 %1。</translation>
    </message>
    <message>
        <source>The page %1 read from the centre does not match its hash.</source>
        <translation>从中心读取的页面 %1 与其哈希值不符。</translation>
    </message>
</context>
<context>
    <name>ow::CentreSettings</name>
    <message>
        <source>There is no centre setting %1. The settings are: %2.</source>
        <translation>没有名为 %1 的中心设置。可用的设置有：%2。</translation>
    </message>
    <message>
        <source>The setting %1 is a whole number from %2 to %3; &quot;%4&quot; is not.</source>
        <translation>设置 %1 须为 %2 至 %3 之间的整数，“%4”不符合。</translation>
    </message>
    <message>
        <source>The setting %1 may not be empty: every document prints it.</source>
        <translation>设置 %1 不能为空：每份文书都要打印它。</translation>
    </message>
    <message>
        <source>The setting queryUrl is an http or https address holding {case} where the case number goes, e.g. https://zwfw.example.gov.cn/query?case={case}; &quot;%1&quot; is not.</source>
        <translation>设置 queryUrl 须为 http 或 https 地址，并用 {case} 标出办件编号的位置，例如 https://zwfw.example.gov.cn/query?case={case}；“%1”不符合。</translation>
    </message>
    <message>
        <source>the centre&apos;s name, printed as the issuer</source>
        <translation>中心名称，作为出具单位打印</translation>
    </message>
    <message>
        <source>the centre&apos;s address</source>
        <translation>中心地址</translation>
    </message>
    <message>
        <source>the centre&apos;s postcode (sender of EMS slips)</source>
        <translation>中心邮政编码（EMS邮寄单寄件人）</translation>
    </message>
    <message>
        <source>the centre&apos;s phone</source>
        <translation>中心电话</translation>
    </message>
    <message>
        <source>the phone for questions about a case</source>
        <translation>办件咨询查询电话</translation>
    </message>
    <message>
        <source>opening hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <source>the text of the centre&apos;s seal</source>
        <translation>中心印章文字</translation>
    </message>
    <message>
        <source>the progress query page, {case} for the case number; empty: the QR code holds the case number</source>
        <translation>办理进度查询网址，{case} 代表办件编号；为空时二维码内容为办件编号</translation>
    </message>
    <message>
        <source>where an applicant may seek administrative review</source>
        <translation>申请人可申请行政复议的机关</translation>
    </message>
    <message>
        <source>the court for administrative litigation</source>
        <translation>受理行政诉讼的人民法院</translation>
    </message>
    <message>
        <source>where results are collected</source>
        <translation>办理结果领取地点</translation>
    </message>
    <message>
        <source>the issuer&apos;s abbreviation in document numbers</source>
        <translation>文书编号中的出具单位简称</translation>
    </message>
    <message>
        <source>working days to bring what a one-time notice lists</source>
        <translation>一次性告知书所列材料的补正期限（工作日）</translation>
    </message>
    <message>
        <source>days a result waits for collection</source>
        <translation>办理结果的领取期限（天）</translation>
    </message>
    <message>
        <source>The stored centre setting %1 is not valid: %2</source>
        <translation>已保存的中心设置 %1 无效：%2</translation>
    </message>
    <message>
        <source>The settings were not saved.</source>
        <translation>设置未保存。</translation>
    </message>
    <message>
        <source>The setting %1: %2</source>
        <translation>设置项%1：%2</translation>
    </message>
</context>
<context>
    <name>ow::Checklist</name>
    <message>
        <source>The material &quot;%1&quot; is not on the checklist of the chosen items.</source>
        <translation>材料“%1”不在所选事项的材料清单中。</translation>
    </message>
    <message>
        <source>The number of copies of &quot;%1&quot; must be 1 to 999.</source>
        <translation>材料“%1”的份数必须为1至999。</translation>
    </message>
    <message>
        <source>The material &quot;%1&quot; is not on file: say where it is reused from.</source>
        <translation>材料“%1”没有存档：请注明复用来源。</translation>
    </message>
    <message>
        <source>Say what is wrong with &quot;%1&quot;.</source>
        <translation>请说明材料“%1”存在的问题。</translation>
    </message>
    <message>
        <source>brought as %1; %2 is required</source>
        <translation>提交的是%1，应提交%2</translation>
    </message>
    <message>
        <source>%1 of %2 copies brought</source>
        <translation>应交%2份，实交%1份</translation>
    </message>
    <message>
        <source>%1: %2, %3 copies</source>
        <translation>%1：%2，%3份</translation>
    </message>
    <message>
        <source>; %1</source>
        <translation>；%1</translation>
    </message>
    <message>
        <source>original</source>
        <translation>原件</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <source>electronic</source>
        <translation>电子件</translation>
    </message>
    <message>
        <source>original and copy</source>
        <translation>原件及复印件</translation>
    </message>
</context>
<context>
    <name>ow::CompletionNotice</name>
    <message>
        <source>Notice of Completion and Collection</source>
        <translation>办结领取通知书</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>编号：%1</translation>
    </message>
    <message>
        <source>To %1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Your application for &quot;%2&quot; accepted on %1 (case number %3) was completed on %4. The result is as follows:</source>
        <extracomment>您于%1申请的“%2”（办件编号：%3）已于%4办结。办理结果如下：</extracomment>
        <translation>您于%1申请的“%2”（办件编号：%3）已于%4办结。办理结果如下：</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>送达方式</translation>
    </message>
    <message>
        <source>Results issued</source>
        <translation>办理结果（证照）</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Licence or certificate</source>
        <translation>证照名称</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>证照编号</translation>
    </message>
    <message>
        <source>Mailing</source>
        <translation>邮寄信息</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>领取信息</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>领取地点</translation>
    </message>
    <message>
        <source>When</source>
        <translation>领取时间</translation>
    </message>
    <message>
        <source>Collect by</source>
        <translation>领取期限</translation>
    </message>
    <message>
        <source>Please bring</source>
        <translation>领取时请携带</translation>
    </message>
    <message>
        <source>Someone collecting for you must bring your written authorisation and their own ID document. Questions: call %1.</source>
        <extracomment>委托他人领取的，受托人须同时携带授权委托书及本人身份证件。如有疑问，请拨打%1。</extracomment>
        <translation>委托他人领取的，受托人须同时携带授权委托书及本人身份证件。如有疑问，请拨打%1。</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Collected by (signature):</source>
        <translation>领取人（签字）：</translation>
    </message>
    <message>
        <source>Issued by (signature):</source>
        <translation>发放人（签字）：</translation>
    </message>
    <message>
        <source>Centre seal:</source>
        <translation>中心（盖章）：</translation>
    </message>
</context>
<context>
    <name>ow::Condition</name>
    <message>
        <source>a condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>&quot;&amp;&amp;&quot;, &quot;||&quot; or the end of the condition</source>
        <translation>&quot;&amp;&amp;&quot;、&quot;||&quot; 或条件结尾</translation>
    </message>
    <message>
        <source>the end of the condition</source>
        <translation>条件结尾</translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation>此处应为%1，实际为%2</translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation>第%1列：%2</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>第%1列</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an operator; write &quot;%1%1&quot;</source>
        <translation>&quot;%1&quot; 不是运算符；请写作 &quot;%1%1&quot;</translation>
    </message>
    <message>
        <source>unexpected character &quot;%1&quot;</source>
        <translation>意外的字符 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>unknown escape &quot;\%1&quot; in a string</source>
        <translation>字符串中有未知的转义序列 &quot;\%1&quot;</translation>
    </message>
    <message>
        <source>the string is not closed</source>
        <translation>字符串未闭合</translation>
    </message>
    <message>
        <source>the condition is nested too deeply</source>
        <translation>条件嵌套层数过多</translation>
    </message>
    <message>
        <source>&quot;[&quot; opening a list</source>
        <translation>列表开头的 &quot;[&quot;</translation>
    </message>
    <message>
        <source>&quot;,&quot; or &quot;]&quot;</source>
        <translation>&quot;,&quot; 或 &quot;]&quot;</translation>
    </message>
    <message>
        <source>&quot;)&quot;</source>
        <translation>&quot;)&quot;</translation>
    </message>
    <message>
        <source>a name, a string, a number, true, false or &quot;(&quot;</source>
        <translation>名称、字符串、数字、true、false 或 &quot;(&quot;</translation>
    </message>
</context>
<context>
    <name>ow::ConsultationService</name>
    <message>
        <source>A consultation comes at the counter or by phone (counter, phone), not %1.</source>
        <translation>咨询方式为窗口或电话（counter、phone），不能是 %1。</translation>
    </message>
    <message>
        <source>Say what the consultation was about (the topic).</source>
        <translation>请填写咨询内容（主题）。</translation>
    </message>
    <message>
        <source>There is no item %1 in the catalogue.</source>
        <translation>事项目录中没有事项 %1。</translation>
    </message>
    <message numerus="yes">
        <source>The consultation cannot be logged: %n field(s) to correct.</source>
        <translation>
            <numerusform>咨询无法登记：有 %n 项需要更正。</numerusform>
        </translation>
    </message>
    <message>
        <source>Name the site the consultation was at (--site).</source>
        <translation>请指明咨询所在的服务点（--site）。</translation>
    </message>
</context>
<context>
    <name>ow::DailyLedger</name>
    <message>
        <source>Daily Ledger of the Window</source>
        <translation>窗口每日办件台账</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Service site</source>
        <translation>服务网点</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>受理人</translation>
    </message>
    <message numerus="yes">
        <source>Cases (%n)</source>
        <translation>
            <numerusform>办件（%n件）</numerusform>
        </translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>送达方式</translation>
    </message>
    <message numerus="yes">
        <source>Mailings (%n)</source>
        <translation>
            <numerusform>邮寄（%n件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>收件地址</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>寄递内容</translation>
    </message>
    <message>
        <source>Cases: %1. Mailings: %2. The clerk confirms that the entries above are complete and match the case files and the waybills.</source>
        <translation>本日办件%1件，邮寄%2件。受理人确认以上记录完整，且与办件档案及邮件运单一致。</translation>
    </message>
    <message>
        <source>Clerk (signature):</source>
        <translation>受理人（签字）：</translation>
    </message>
    <message>
        <source>Checked by (supervisor, signature):</source>
        <translation>审核人（负责人签字）：</translation>
    </message>
    <message>
        <source>Handed over to (courier, signature):</source>
        <translation>交接人（揽投员签字）：</translation>
    </message>
</context>
<context>
    <name>ow::Database</name>
    <message>
        <source>The store %1 is a directory, not a file.</source>
        <translation>本地数据库 %1 是一个目录，而不是文件。</translation>
    </message>
    <message>
        <source>The store %1 cannot be read: %2</source>
        <translation>无法读取本地数据库 %1：%2</translation>
    </message>
    <message>
        <source>The file %1 is not a OneWindow store (not an SQLite database). It was left untouched; move it away or choose another data directory.</source>
        <translation>文件 %1 不是一窗通本地数据库（不是 SQLite 数据库），未对其做任何改动；请将其移走，或选择其他数据目录。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>The store %1 was written by a newer version of OneWindow (schema %2; this program knows up to %3). Nothing was changed; install the newer version.</source>
        <translation>本地数据库 %1 由更高版本的一窗通写入（结构版本 %2；本程序最高支持 %3）。未做任何更改；请安装更高版本。</translation>
    </message>
    <message>
        <source>The file %1 is an SQLite database but not a OneWindow store. It was left untouched.</source>
        <translation>文件 %1 是 SQLite 数据库，但不是一窗通本地数据库。未对其做任何改动。</translation>
    </message>
    <message>
        <source>Migration %1 is missing from this build.</source>
        <translation>本版本程序中缺少迁移 %1。</translation>
    </message>
    <message>
        <source>Migration %1 failed: %2</source>
        <translation>迁移 %1 失败：%2</translation>
    </message>
    <message>
        <source>The store %1 reported an error: %2</source>
        <translation>本地数据库 %1 报告错误：%2</translation>
    </message>
    <message>
        <source>No transaction is open.</source>
        <translation>当前没有已开启的事务。</translation>
    </message>
    <message>
        <source>The store %1 is read-only here (a read-only medium, or a file or folder this account may not write): nothing was written. Reading it works. To work on it, give this account write access to the file and its folder, or copy the folder to a writable place. The store is not damaged.</source>
        <translation>本地数据库 %1 在此处为只读（只读介质，或本账户无权写入该文件或其文件夹）：未写入任何内容。仍可读取。如需继续办理，请给本账户该文件及其文件夹的写入权限，或将该文件夹复制到可写入的位置。数据库未损坏。</translation>
    </message>
    <message>
        <source>This account may not use the store %1 (permission denied: %2). Nothing was changed. Give this account read and write access to the file and its folder. The store is not damaged: do not restore a backup over it.</source>
        <translation>本账户无权使用本地数据库 %1（权限不足：%2）。未做任何改动。请给本账户该文件及其文件夹的读写权限。数据库未损坏：请勿用备份覆盖它。</translation>
    </message>
    <message>
        <source>The disk holding the store %1 is full: nothing was written. Free some space on it and try again. The store is not damaged: do not restore a backup over it.</source>
        <translation>本地数据库 %1 所在的磁盘已满：未写入任何内容。请清理出空间后重试。数据库未损坏：请勿用备份覆盖它。</translation>
    </message>
    <message>
        <source>The store %1 is in use by another program (another OneWindow, or a copy being taken) that did not let go of it within 5 seconds: nothing was written. Close the other program or wait for it to finish, then try again. The store is not damaged.</source>
        <translation>本地数据库 %1 正被另一个程序使用（另一个一窗通，或正在进行的复制），5秒内未释放：未写入任何内容。请关闭该程序或等待其完成后重试。数据库未损坏。</translation>
    </message>
    <message>
        <source>The store %1 is damaged (%2). Nothing more is written to it. Keep the file as it is and restore the latest backup of this PC&apos;s store.</source>
        <translation>本地数据库 %1 已损坏（%2）。不再向其写入任何内容。请原样保留该文件，并恢复本机数据库的最新备份。</translation>
    </message>
    <message>
        <source>The store %1 could not be read or written (input/output error: %2): nothing was written. The disk or medium may be failing or was removed: check it first. The store itself may be intact: do not restore a backup over it yet.</source>
        <translation>无法读写本地数据库 %1（输入/输出错误：%2）：未写入任何内容。磁盘或介质可能出现故障或已被移除：请先检查。数据库本身可能完好：暂勿用备份覆盖它。</translation>
    </message>
    <message>
        <source>The store %1 cannot be opened (%2): its folder may be missing or not writable, or its medium was removed. Check the folder and its permissions. The store is not damaged.</source>
        <translation>无法打开本地数据库 %1（%2）：其文件夹可能不存在或不可写入，或其介质已被移除。请检查该文件夹及其权限。数据库未损坏。</translation>
    </message>
    <message>
        <source>The store %1 is damaged: SQLite found a damaged page in it, and nothing more is written to it. Keep the file as it is and restore the latest backup of this PC&apos;s store.</source>
        <translation>本地数据库 %1 已损坏：SQLite 在其中发现了损坏的页面，不再向其写入任何内容。请原样保留该文件，并恢复本机数据库的最新备份。</translation>
    </message>
    <message>
        <source>The store %1 is an empty file (0 bytes): it holds no case and was left as it is. If this PC held cases, restore the latest backup of its store in its place. To start a new store on purpose, move the empty file away (or delete it): the next start creates a new one.</source>
        <translation>本地数据库 %1 是一个空文件（0字节）：其中没有任何办件，已原样保留。如本机曾有办件，请用本机数据库的最新备份替换它。如确需启用新的数据库，请移走（或删除）该空文件：下次启动时将新建数据库。</translation>
    </message>
    <message>
        <source>The folder %1 cannot be written by this account: no store can be created in it. Give this account write access to it, or choose another data directory.</source>
        <translation>本账户无法写入文件夹 %1：无法在其中创建数据库。请给本账户该文件夹的写入权限，或选择其他数据目录。</translation>
    </message>
    <message>
        <source>The store %1 is on a read-only medium or in a folder this account may not write, and its last writes are still in its journal (%2), which cannot be read there. Nothing was changed. Copy the whole folder to a writable place and open the store there. The store is not damaged.</source>
        <translation>本地数据库 %1 位于只读介质或本账户无权写入的文件夹中，其最近的写入仍在日志文件（%2）中，在此处无法读取。未做任何改动。请将整个文件夹复制到可写入的位置后在那里打开。数据库未损坏。</translation>
    </message>
    <message>
        <source>The store %1 is read-only here and was written by an older version of OneWindow (schema %2; this program needs %3): it must be brought up to date, which writes to it. Nothing was changed. Give this account write access to the file and its folder, or copy the folder to a writable place.</source>
        <translation>本地数据库 %1 在此处为只读，且由旧版一窗通写入（结构版本 %2；本程序需要 %3）：须先升级，而升级需要写入。未做任何改动。请给本账户该文件及其文件夹的写入权限，或将该文件夹复制到可写入的位置。</translation>
    </message>
</context>
<context>
    <name>ow::Document</name>
    <message>
        <source>yyyy-MM-dd</source>
        <extracomment>A QDate format; Chinese: yyyy年M月d日</extracomment>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <extracomment>A QDateTime format; Chinese: yyyy年M月d日 HH:mm</extracomment>
        <translation>yyyy年M月d日 HH:mm</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原件</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <source>Electronic</source>
        <translation>电子件</translation>
    </message>
    <message>
        <source>Original and copy</source>
        <translation>原件及复印件</translation>
    </message>
    <message>
        <source>Collect at the window</source>
        <translation>窗口领取</translation>
    </message>
    <message>
        <source>EMS delivery (free)</source>
        <translation>EMS免费邮寄</translation>
    </message>
    <message>
        <source>Collect from the self-service locker</source>
        <translation>自助智能柜领取</translation>
    </message>
    <message>
        <source>Free of charge</source>
        <translation>不收费</translation>
    </message>
    <message>
        <source>CNY %1</source>
        <translation>人民币%1元</translation>
    </message>
    <message>
        <source>COPY</source>
        <extracomment>Printed on every page of a reprint; Chinese: 副本</extracomment>
        <translation>副本</translation>
    </message>
    <message>
        <source>Postcode %1</source>
        <translation>邮编%1</translation>
    </message>
    <message>
        <source>Cannot write the PDF: %1</source>
        <translation>无法写入 PDF：%1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Check code %1</source>
        <extracomment>At the foot of every page; Chinese: 校验码 %1</extracomment>
        <translation>校验码 %1</translation>
    </message>
</context>
<context>
    <name>ow::Form</name>
    <message>
        <source>No chosen item asks for the field &quot;%1&quot;.</source>
        <translation>所选事项均不需要填写字段“%1”。</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 为必填项。</translation>
    </message>
    <message>
        <source>%1 does not have the expected format.</source>
        <translation>%1 的格式不正确。</translation>
    </message>
    <message>
        <source>%1 must be a number.</source>
        <translation>%1 必须是数字。</translation>
    </message>
    <message>
        <source>%1 must be one of: %2.</source>
        <translation>%1 必须是以下之一：%2。</translation>
    </message>
    <message>
        <source>%1 must be yes or no.</source>
        <translation>%1 必须为“是”或“否”。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 is longer than %2 characters (%3).</source>
        <translation>%1超过%2个字符（此处为%3个）。</translation>
    </message>
    <message>
        <source>%1 must be a real date written YYYY-MM-DD (2026-12-01).</source>
        <translation>%1必须是有效日期，格式为YYYY-MM-DD（如2026-12-01）。</translation>
    </message>
</context>
<context>
    <name>ow::Intake</name>
    <message>
        <source>The item %1 is already part of this intake.</source>
        <translation>事项 %1 已在本次受理中。</translation>
    </message>
    <message>
        <source>The joint item %1 is retired.</source>
        <translation>联办事项 %1 已停用。</translation>
    </message>
    <message>
        <source>The joint item %1 has a member %2 that cannot be accepted now.</source>
        <translation>联办事项 %1 的成员事项 %2 目前无法受理。</translation>
    </message>
    <message>
        <source>The item %1 of the joint item %2 is already part of this intake.</source>
        <translation>联办事项 %2 中的事项 %1 已在本次受理中。</translation>
    </message>
    <message>
        <source>The item %1 is retired or not in effect on %2.</source>
        <translation>事项 %1 已停用，或于 %2 不在有效期内。</translation>
    </message>
    <message>
        <source>There is no item with the code %1 in the catalogue.</source>
        <translation>事项目录中没有编码为 %1 的事项。</translation>
    </message>
    <message>
        <source>The item %1 is not part of this intake.</source>
        <translation>事项 %1 不在本次受理中。</translation>
    </message>
    <message>
        <source>Related to %1.</source>
        <translation>与“%1”相关联。</translation>
    </message>
</context>
<context>
    <name>ow::IntakeRequest</name>
    <message>
        <source>&quot;format&quot; is &quot;onewindow-intake&quot; when given.</source>
        <translation>如提供 &quot;format&quot;，其值应为 &quot;onewindow-intake&quot;。</translation>
    </message>
    <message>
        <source>&quot;items&quot; must be an array of item codes.</source>
        <translation>&quot;items&quot; 必须是由事项编码组成的数组。</translation>
    </message>
    <message>
        <source>An item is given by its code (a string).</source>
        <translation>事项应以其编码（字符串）给出。</translation>
    </message>
    <message>
        <source>&quot;materials&quot; must be an array.</source>
        <translation>&quot;materials&quot; 必须是数组。</translation>
    </message>
    <message>
        <source>A material is an object.</source>
        <translation>每项材料应为一个对象。</translation>
    </message>
    <message>
        <source>The material &quot;%1&quot; is given twice.</source>
        <translation>材料“%1”重复给出。</translation>
    </message>
    <message>
        <source>A form value is a string, a number or true/false.</source>
        <translation>表单值应为字符串、数字或 true/false。</translation>
    </message>
    <message>
        <source>&quot;kind&quot; is &quot;accept&quot;, &quot;correct&quot; or &quot;refuse&quot;.</source>
        <translation>&quot;kind&quot; 的值应为 &quot;accept&quot;、&quot;correct&quot; 或 &quot;refuse&quot;。</translation>
    </message>
    <message numerus="yes">
        <source>The intake document has %n problem(s).</source>
        <translation>
            <numerusform>受理文档有%n处问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>The intake cannot be built as given.</source>
        <translation>无法按所给内容建立受理。</translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot;.</source>
        <translation>未知字段 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is required.</source>
        <translation>&quot;%1&quot; 为必填项。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string.</source>
        <translation>&quot;%1&quot; 必须是字符串。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must not be empty.</source>
        <translation>&quot;%1&quot; 不能为空。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than %2 characters.</source>
        <translation>&quot;%1&quot; 超过%2个字符。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true or false.</source>
        <translation>&quot;%1&quot; 必须为 true 或 false。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from %2 to %3.</source>
        <translation>&quot;%1&quot; 必须是%2至%3之间的整数。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of: %2.</source>
        <translation>&quot;%1&quot; 不是以下值之一：%2。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object.</source>
        <translation>&quot;%1&quot; 必须是对象。</translation>
    </message>
    <message>
        <source>&quot;sex&quot; is &quot;male&quot; or &quot;female&quot;.</source>
        <translation>&quot;sex&quot; 的值应为 &quot;male&quot; 或 &quot;female&quot;。</translation>
    </message>
    <message>
        <source>A natural person has no credit code: set &quot;kind&quot; to &quot;legal&quot;.</source>
        <translation>自然人没有统一社会信用代码：如申请人为法人，请将 &quot;kind&quot; 设为 &quot;legal&quot;。</translation>
    </message>
    <message>
        <source>A defective material says what is wrong in &quot;reason&quot;.</source>
        <translation>不符合要求的材料须在 &quot;reason&quot; 中说明问题所在。</translation>
    </message>
    <message>
        <source>&quot;birthDate&quot; must be a real date written YYYY-MM-DD (1970-03-14).</source>
        <translation>&quot;birthDate&quot; 必须是有效日期，格式为 YYYY-MM-DD（如 1970-03-14）。</translation>
    </message>
    <message>
        <source>A field key: %1</source>
        <translation>字段名：%1</translation>
    </message>
    <message>
        <source>&quot;requestId&quot; must not be empty when given.</source>
        <translation>给出“requestId”时不得为空。</translation>
    </message>
</context>
<context>
    <name>ow::IntakeService</name>
    <message>
        <source>The case %1 was not found after being written.</source>
        <translation>办件 %1 写入后未能找到。</translation>
    </message>
    <message>
        <source>Credit grade A: green channel (绿色通道) for %1.</source>
        <translation>信用等级 A：%1 适用绿色通道。</translation>
    </message>
    <message>
        <source>Credit grade B: give %1 guidance.</source>
        <translation>信用等级 B：请对 %1 加强指导。</translation>
    </message>
    <message>
        <source>Credit grade C: %1 is under watch. Acknowledge before acceptance.</source>
        <translation>信用等级 C：%1 为重点关注对象。受理前须确认。</translation>
    </message>
    <message>
        <source>%1 is on the credit blacklist. Acknowledge before acceptance.</source>
        <translation>%1 已被列入信用黑名单。受理前须确认。</translation>
    </message>
    <message>
        <source>The credit code %1 fails its check character: a supervisor must override, with a reason, before acceptance.</source>
        <translation>统一社会信用代码 %1 的校验码不正确：受理前须由负责人说明理由后强制通过。</translation>
    </message>
    <message>
        <source>The site code &quot;%1&quot; is not valid: 1 to 32 letters and digits.</source>
        <translation>网点代码“%1”无效：应为1至32位字母或数字。</translation>
    </message>
    <message>
        <source>The clerk is not set.</source>
        <translation>未设置受理人。</translation>
    </message>
    <message>
        <source>The applicant is not set.</source>
        <translation>未设置申请人。</translation>
    </message>
    <message>
        <source>The unified social credit code of %1 is missing.</source>
        <translation>缺少 %1 的统一社会信用代码。</translation>
    </message>
    <message>
        <source>The ID number of %1 is missing.</source>
        <translation>缺少 %1 的身份证号。</translation>
    </message>
    <message>
        <source>The agent&apos;s ID number is missing.</source>
        <translation>缺少代理人的身份证号。</translation>
    </message>
    <message>
        <source>No item is chosen.</source>
        <translation>未选择事项。</translation>
    </message>
    <message>
        <source>The item %1 (%2) is not handled at a %3-level site and is not a 无差别 item.</source>
        <translation>事项 %1（%2）不在%3级网点办理，且不是无差别受理事项。</translation>
    </message>
    <message>
        <source>The result of %1 (%2) cannot be delivered by %3.</source>
        <translation>事项 %1（%2）的办理结果不能以“%3”方式送达。</translation>
    </message>
    <message>
        <source>EMS delivery needs the mailing address.</source>
        <translation>EMS邮寄须填写邮寄地址。</translation>
    </message>
    <message>
        <source>EMS delivery needs the recipient&apos;s phone.</source>
        <translation>EMS邮寄须填写收件人电话。</translation>
    </message>
    <message>
        <source>Locker delivery needs the locker.</source>
        <translation>智能柜领取须指定智能柜。</translation>
    </message>
    <message>
        <source>An override names the supervisor and the reason.</source>
        <translation>强制通过须注明负责人和理由。</translation>
    </message>
    <message>
        <source>The applicant&apos;s credit stops acceptance until it is acknowledged or overridden.</source>
        <translation>申请人的信用状况阻止受理，须经确认或强制通过后方可受理。</translation>
    </message>
    <message>
        <source>The intake cannot be accepted yet.</source>
        <translation>暂不能受理。</translation>
    </message>
    <message>
        <source>Every required material is there: nothing to correct. Accept the intake instead.</source>
        <translation>所需材料均已齐全，无需补正，请直接受理。</translation>
    </message>
    <message>
        <source>The correction request cannot be recorded.</source>
        <translation>无法记录补正告知。</translation>
    </message>
    <message>
        <source>A refusal states its reason.</source>
        <translation>不予受理必须说明理由。</translation>
    </message>
    <message>
        <source>A refusal states its legal basis.</source>
        <translation>不予受理必须注明法律依据。</translation>
    </message>
    <message>
        <source>The matter is not an item of this hall: name the competent body the applicant should turn to.</source>
        <translation>该申请事项不属于本中心受理范围：请注明申请人应向哪个有权机关提出申请。</translation>
    </message>
    <message>
        <source>The refusal cannot be recorded.</source>
        <translation>无法记录不予受理决定。</translation>
    </message>
    <message>
        <source>city</source>
        <translation>市</translation>
    </message>
    <message>
        <source>town</source>
        <translation>镇</translation>
    </message>
    <message>
        <source>village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>%1 may not accept the item %2 (%3): it is not among the items of their position.</source>
        <translation>%1 无权受理事项 %2（%3）：该事项不在其岗位可受理的事项范围内。</translation>
    </message>
    <message>
        <source>There is no correction notice with the number %1.</source>
        <translation>没有编号为 %1 的补正告知书。</translation>
    </message>
    <message>
        <source>The correction %1 is no longer open: its case is %2.</source>
        <translation>补正 %1 已不再待补正：办件状态为“%2”。</translation>
    </message>
    <message>
        <source>The applicant of the correction %1 is not in this store.</source>
        <translation>本机数据中没有补正 %1 的申请人。</translation>
    </message>
    <message>
        <source>The material %1 is defective (%2): %3</source>
        <translation>材料“%1”不符合要求（%2）：%3</translation>
    </message>
    <message>
        <source>The material %1 is missing: %2</source>
        <translation>缺少材料“%1”：%2</translation>
    </message>
    <message>
        <source>The material %1 is reused from the case %2, but there is no case with that number.</source>
        <translation>材料“%1”注明复用自办件%2，但不存在该编号的办件。</translation>
    </message>
    <message>
        <source>The material %1 is reused from the case %2, which is another applicant&apos;s.</source>
        <translation>材料“%1”注明复用自办件%2，但该办件属于其他申请人。</translation>
    </message>
    <message>
        <source>The material %1 is reused from &quot;%2&quot;: say case:&lt;case number&gt; or elicence:&lt;licence number&gt;.</source>
        <translation>材料“%1”注明复用自“%2”：应写作 case:&lt;办件编号&gt; 或 elicence:&lt;证照编号&gt;。</translation>
    </message>
    <message>
        <source>The birth date %1 is not the one of the ID number %2 (%3).</source>
        <translation>出生日期%1与身份证号码%2不符（应为%3）。</translation>
    </message>
    <message>
        <source>The ID number %1 is a man&apos;s (position 17 is odd), not a woman&apos;s.</source>
        <translation>身份证号码%1属于男性（第17位为奇数），与所填性别“女”不符。</translation>
    </message>
    <message>
        <source>The ID number %1 is a woman&apos;s (position 17 is even), not a man&apos;s.</source>
        <translation>身份证号码%1属于女性（第17位为偶数），与所填性别“男”不符。</translation>
    </message>
</context>
<context>
    <name>ow::Mailing</name>
    <message>
        <source>Sent</source>
        <translation>已寄出</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
</context>
<context>
    <name>ow::MailingCsv</name>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>寄出日期</translation>
    </message>
    <message>
        <source>Delivered on</source>
        <translation>送达日期</translation>
    </message>
    <message>
        <source>Returned on</source>
        <translation>退回日期</translation>
    </message>
    <message>
        <source>Return reason</source>
        <translation>退回原因</translation>
    </message>
    <message>
        <source>Follow-up calls</source>
        <translation>回访次数</translation>
    </message>
    <message>
        <source>Last follow-up</source>
        <translation>最近回访</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>服务点</translation>
    </message>
    <message>
        <source>reached</source>
        <translation>已联系上</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>未联系上</translation>
    </message>
</context>
<context>
    <name>ow::MailingLedger</name>
    <message>
        <source>sent %1 to %2</source>
        <translation>寄出日期 %1 至 %2</translation>
    </message>
    <message>
        <source>the first</source>
        <translation>最早</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>matching &quot;%1&quot;</source>
        <translation>含“%1”</translation>
    </message>
    <message>
        <source>all mailings</source>
        <translation>全部邮件</translation>
    </message>
    <message>
        <source>reached</source>
        <translation>已联系上</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>未联系上</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>EMS Mailing Ledger</source>
        <translation>EMS 邮寄台账</translation>
    </message>
    <message>
        <source>Service site</source>
        <translation>服务点</translation>
    </message>
    <message>
        <source>Mailings</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Printed by</source>
        <translation>打印人</translation>
    </message>
    <message>
        <source>Printed at</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Mailings: %1. Delivered: %2. Returned: %3. On the way: %4.</source>
        <translation>邮件共 %1 件，已送达 %2 件，已退回 %3 件，在途 %4 件。</translation>
    </message>
    <message>
        <source>Clerk (signature):</source>
        <translation>经办人（签字）：</translation>
    </message>
    <message>
        <source>Checked by (supervisor, signature):</source>
        <translation>审核人（负责人签字）：</translation>
    </message>
</context>
<context>
    <name>ow::MailingService</name>
    <message>
        <source>Case %1 is delivered by %2, not mailed by EMS.</source>
        <translation>办件 %1 的送达方式为%2，不是 EMS 邮寄。</translation>
    </message>
    <message>
        <source>The waybill %1 was already recorded for case %2.</source>
        <translation>运单号 %1 已登记在办件 %2 上。</translation>
    </message>
    <message>
        <source>The EMS slip of case %1 was printed with the waybill %2, not %3: record the number on the slip, or print the slip again with the new number.</source>
        <translation>办件 %1 的 EMS 邮寄单打印的运单号是 %2，不是 %3：请登记邮寄单上的运单号，或用新运单号重新打印邮寄单。</translation>
    </message>
    <message>
        <source>waybill %1</source>
        <translation>运单号 %1</translation>
    </message>
    <message>
        <source>The date %1 is in the future.</source>
        <translation>日期 %1 在今天之后。</translation>
    </message>
    <message>
        <source>The date %1 is before the mailing was sent (%2).</source>
        <translation>日期 %1 早于邮件寄出日期（%2）。</translation>
    </message>
    <message>
        <source>The mailing of case %1 is %2: only a mailing on its way can be delivered.</source>
        <translation>办件 %1 的邮件状态为“%2”：只有在途的邮件才能登记送达。</translation>
    </message>
    <message>
        <source>delivered by EMS on %1 (waybill %2)</source>
        <translation>%1 EMS 送达（运单号 %2）</translation>
    </message>
    <message>
        <source>Give the reason the mailing of case %1 came back.</source>
        <translation>请填写办件 %1 邮件退回的原因。</translation>
    </message>
    <message>
        <source>The mailing of case %1 is %2: only a mailing on its way can come back.</source>
        <translation>办件 %1 的邮件状态为“%2”：只有在途的邮件才能登记退回。</translation>
    </message>
    <message>
        <source>The mailing %1 came back: %2. Call the recipient and agree how the result reaches them.</source>
        <translation>邮件 %1 被退回：%2。请联系收件人，商定结果的送达方式。</translation>
    </message>
    <message>
        <source>Note what the follow-up call of case %1 found (or why no one answered).</source>
        <translation>请记录办件 %1 的回访情况（或无人接听的原因）。</translation>
    </message>
    <message>
        <source>There is no case with the number %1.</source>
        <translation>没有编号为 %1 的办件。</translation>
    </message>
    <message>
        <source>Case %1 has not been mailed: record its waybill first.</source>
        <translation>办件 %1 尚未寄出：请先登记运单号。</translation>
    </message>
    <message>
        <source>A mailing is sent, delivered or returned, not %1.</source>
        <translation>邮件状态为已寄出、已送达或已退回（sent、delivered、returned），不能是 %1。</translation>
    </message>
    <message>
        <source>The period ends (%1) before it starts (%2).</source>
        <translation>结束日期（%1）早于开始日期（%2）。</translation>
    </message>
</context>
<context>
    <name>ow::MailingSlip</name>
    <message>
        <source>Too long to print on the mailing label: %1</source>
        <translation>内容过长，无法打印在邮寄面单上：%1</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>寄件人</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>内件品名</translation>
    </message>
    <message>
        <source>Postcode: %1</source>
        <translation>邮编：%1</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>电话：%1</translation>
    </message>
    <message>
        <source>Case number: %1</source>
        <translation>办件编号：%1</translation>
    </message>
    <message>
        <source>Government Service Express</source>
        <translation>政务专递</translation>
    </message>
    <message>
        <source>Received in good order (signature):</source>
        <translation>收件人签收（签名）：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
</context>
<context>
    <name>ow::MaterialPages</name>
    <message>
        <source>A page belongs to a material of a case or of an intake: name both.</source>
        <translation>页面属于某一办件或受理中的某项材料：请同时指明两者。</translation>
    </message>
    <message>
        <source>The material has %1 pages: there is no page %2 to move to place %3.</source>
        <translation>该材料共 %1 页：没有第 %2 页可移到第 %3 位。</translation>
    </message>
    <message>
        <source>The new order must name each of the material&apos;s %1 pages once.</source>
        <translation>新的顺序须将该材料的 %1 页各列一次。</translation>
    </message>
    <message>
        <source>The material has %1 pages: there is no page %2.</source>
        <translation>该材料共 %1 页：没有第 %2 页。</translation>
    </message>
</context>
<context>
    <name>ow::NonAcceptanceNotice</name>
    <message>
        <source>Notice of Non-Acceptance</source>
        <translation>不予受理通知书</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>编号：%1</translation>
    </message>
    <message>
        <source>Registration no.: %1</source>
        <translation>办件编号：%1</translation>
    </message>
    <message>
        <source>To %1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>On %1 you applied for &quot;%2&quot;. On examination, it has been decided not to accept the application, for the following reason:</source>
        <extracomment>您（单位）于%1提出的“%2”申请，经审查，决定不予受理。理由如下：</extracomment>
        <translation>您（单位）于%1提出的“%2”申请，经审查，决定不予受理。理由如下：</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>不予受理理由</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <source>Competent body</source>
        <translation>有权受理机关</translation>
    </message>
    <message>
        <source>The matter applied for is by law not within the competence of this body. Please apply to %1.</source>
        <extracomment>该申请事项依法不属于本机关职权范围，请向%1提出申请。</extracomment>
        <translation>该申请事项依法不属于本机关职权范围，请向%1提出申请。</translation>
    </message>
    <message>
        <source>Remedies</source>
        <translation>救济途径</translation>
    </message>
    <message>
        <source>If you do not accept this decision, you may apply to %1 for administrative reconsideration within sixty days from the day you receive this notice, or bring an administrative lawsuit before %2 within six months from the day you receive this notice.</source>
        <extracomment>如对本决定不服，可以自收到本通知书之日起六十日内向%1申请行政复议，或者自收到本通知书之日起六个月内向%2提起行政诉讼。</extracomment>
        <translation>如对本决定不服，可以自收到本通知书之日起六十日内向%1申请行政复议，或者自收到本通知书之日起六个月内向%2提起行政诉讼。</translation>
    </message>
    <message>
        <source>Basis: article 20 of the Administrative Reconsideration Law and article 46 of the Administrative Procedure Law of the People&apos;s Republic of China.</source>
        <extracomment>依据：《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条。</extracomment>
        <translation>依据：《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条。</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Query phone</source>
        <translation>查询电话</translation>
    </message>
    <message>
        <source>Received by the applicant (signature):</source>
        <translation>申请人签收（签字）：</translation>
    </message>
    <message>
        <source>Centre seal:</source>
        <translation>中心（盖章）：</translation>
    </message>
</context>
<context>
    <name>ow::OneTimeNotice</name>
    <message>
        <source>One-Time Notice of Materials to Supplement</source>
        <translation>补正材料一次性告知书</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>编号：%1</translation>
    </message>
    <message>
        <source>Registration no.: %1</source>
        <translation>办件编号：%1</translation>
    </message>
    <message>
        <source>To %1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>On %1 you applied for &quot;%2&quot;. On examination, the application materials are incomplete or not in the statutory form. Under article 32 of the Administrative Licensing Law of the People&apos;s Republic of China, everything to be supplemented or corrected is listed below, once and in full:</source>
        <extracomment>您于%1申请的“%2”，经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，现将需要补正的全部内容一次性告知如下：</extracomment>
        <translation>您于%1申请的“%2”，经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，现将需要补正的全部内容一次性告知如下：</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因说明</translation>
    </message>
    <message>
        <source>What to bring</source>
        <translation>补正要求</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>不符合要求</translation>
    </message>
    <message numerus="yes">
        <source>Materials to supplement or correct (%n item(s))</source>
        <translation>
            <numerusform>需补正的材料（共%n项）</numerusform>
        </translation>
    </message>
    <message>
        <source>Acceptance conditions</source>
        <translation>受理条件</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>补正期限</translation>
    </message>
    <message>
        <source>Please bring all the materials above to %2 by %1 (a working day). When they are complete and in the statutory form the application is accepted on the spot. If they are not brought in time the application is treated as withdrawn; you may apply again.</source>
        <extracomment>请于%1前（工作日）携带上述全部材料到%2补正。补正材料齐全、符合法定形式的，本中心当场受理。逾期未补正的，视为放弃申请，您可重新提出申请。</extracomment>
        <translation>请于%1前（工作日）携带上述全部材料到%2补正。补正材料齐全、符合法定形式的，本中心当场受理。逾期未补正的，视为放弃申请，您可重新提出申请。</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Query phone</source>
        <translation>查询电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <source>Issued on %1</source>
        <translation>告知日期：%1</translation>
    </message>
    <message>
        <source>Received by the applicant (signature):</source>
        <translation>申请人签收（签字）：</translation>
    </message>
    <message>
        <source>Clerk (signature):</source>
        <translation>经办人（签字）：</translation>
    </message>
    <message>
        <source>Centre seal:</source>
        <translation>中心（盖章）：</translation>
    </message>
</context>
<context>
    <name>ow::PageImage</name>
    <message>
        <source>The captured page is empty: no image came from the device.</source>
        <translation>采集的页面为空：设备未传来图像。</translation>
    </message>
    <message>
        <source>The page of %1 × %2 pixels is larger than a page may be.</source>
        <translation>%1 × %2 像素的页面超过了页面允许的大小。</translation>
    </message>
    <message>
        <source>The page could not be encoded as %1.</source>
        <translation>页面无法编码为 %1。</translation>
    </message>
    <message>
        <source>%1 is not a JPEG, PNG or PDF file: it cannot be taken as a page.</source>
        <translation>%1 不是 JPEG、PNG 或 PDF 文件，不能作为页面。</translation>
    </message>
    <message>
        <source>%1: the image of %2 × %3 pixels is larger than a page may be.</source>
        <translation>%1：%2 × %3 像素的图像超过了页面允许的大小。</translation>
    </message>
    <message>
        <source>%1 is damaged and cannot be read as an image: %2</source>
        <translation>%1 已损坏，无法作为图像读取：%2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is empty: there is no page in it.</source>
        <translation>%1 为空，其中没有页面。</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB: it cannot be taken as pages.</source>
        <translation>%1 大于 %2 MB，不能作为页面。</translation>
    </message>
    <message>
        <source>%1 is a protected PDF: open it without its password and save it again.</source>
        <translation>%1 是受密码保护的 PDF：请去除密码后另存再试。</translation>
    </message>
    <message>
        <source>%1 is damaged and cannot be read as a PDF.</source>
        <translation>%1 已损坏，无法作为 PDF 读取。</translation>
    </message>
    <message>
        <source>%1, page %2: the page is larger than a page may be at %3 dpi.</source>
        <translation>%1，第 %2 页：按 %3 dpi 该页超过了页面允许的大小。</translation>
    </message>
    <message>
        <source>%1, page %2 cannot be rendered.</source>
        <translation>%1，第 %2 页无法渲染。</translation>
    </message>
</context>
<context>
    <name>ow::PageLayout</name>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第%1页 共%2页</translation>
    </message>
    <message>
        <source>The printer does not accept the page size %1.</source>
        <translation>打印机不支持纸张尺寸 %1。</translation>
    </message>
    <message>
        <source>Cannot start printing on the chosen device.</source>
        <translation>无法在所选设备上开始打印。</translation>
    </message>
    <message>
        <source>The printer refused a new page.</source>
        <translation>打印机拒绝新建页面。</translation>
    </message>
    <message>
        <source>Printing did not finish.</source>
        <translation>打印未能完成。</translation>
    </message>
</context>
<context>
    <name>ow::PageStore</name>
    <message>
        <source> The disk holding the data folder is full: free space and capture the page again.</source>
        <translation>数据文件夹所在的磁盘已满：请腾出空间后重新采集该页。</translation>
    </message>
    <message>
        <source>The page could not be stored: %1 %2 failed: %3.%4 The material&apos;s pages were left as they were.</source>
        <translation>页面未能保存：%1 %2 失败：%3。%4该材料的页面保持原样。</translation>
    </message>
    <message>
        <source>creating the folder</source>
        <translation>创建文件夹</translation>
    </message>
    <message>
        <source>creating</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>renaming to</source>
        <translation>重命名为</translation>
    </message>
    <message>
        <source>flushing the folder</source>
        <translation>刷新文件夹</translation>
    </message>
    <message>
        <source>The page file %1 cannot be read: %2</source>
        <translation>页面文件 %1 无法读取：%2</translation>
    </message>
    <message>
        <source>The page file %1 is damaged: its content does not match its name.</source>
        <translation>页面文件 %1 已损坏：内容与文件名不符。</translation>
    </message>
</context>
<context>
    <name>ow::PageUploader</name>
    <message>
        <source>The page %1 cannot be read to send it: %2</source>
        <translation>无法读取页面 %1 以上传：%2</translation>
    </message>
    <message>
        <source>The page %1 is shorter than recorded.</source>
        <translation>页面 %1 比记录的短。</translation>
    </message>
</context>
<context>
    <name>ow::PasswordHash</name>
    <message>
        <source>The password library could not start.</source>
        <translation>密码库无法启动。</translation>
    </message>
    <message>
        <source>Not enough memory to protect the password.</source>
        <translation>内存不足，无法加密保护密码。</translation>
    </message>
</context>
<context>
    <name>ow::PdfUpdate</name>
    <message>
        <source>The PDF writer produced a file that cannot be read.</source>
        <translation>PDF 生成器生成的文件无法读取。</translation>
    </message>
</context>
<context>
    <name>ow::PgSyncGateway</name>
    <message>
        <source>The centre answered %1 of %2 operations.</source>
        <translation>中心只答复了%2项操作中的%1项。</translation>
    </message>
    <message>
        <source>No push is on its way to the centre.</source>
        <translation>没有正在发往中心的上传批次。</translation>
    </message>
    <message>
        <source>The centre received page %1 with other bytes than its hash says; it is sent again.</source>
        <translation>中心收到的页面 %1 与其哈希值不符，将重新上传。</translation>
    </message>
</context>
<context>
    <name>ow::PrintCommands</name>
    <message>
        <source>copy %1</source>
        <translation>副本 %1</translation>
    </message>
    <message>
        <source>original</source>
        <translation>正本</translation>
    </message>
    <message>
        <source>check code %1</source>
        <translation>校验码 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n页</numerusform>
        </translation>
    </message>
    <message>
        <source>file %1</source>
        <translation>文件 %1</translation>
    </message>
    <message>
        <source>printer %1</source>
        <translation>打印机 %1</translation>
    </message>
    <message>
        <source>by %1 at %2/%3</source>
        <translation>由 %1 于 %2/%3</translation>
    </message>
    <message>
        <source>waybill %1</source>
        <translation>运单号 %1</translation>
    </message>
    <message>
        <source>The document goes to a PDF file: give --pdf OUT.pdf.</source>
        <translation>文书输出为PDF文件：请指定 --pdf OUT.pdf。</translation>
    </message>
    <message>
        <source>usage: %1</source>
        <translation>用法：%1</translation>
    </message>
    <message>
        <source>--waybill belongs to an EMS slip only.</source>
        <translation>--waybill 只用于EMS邮寄单。</translation>
    </message>
    <message>
        <source>Cannot write %1: the folder %2 does not exist.</source>
        <translation>无法写入 %1：文件夹 %2 不存在。</translation>
    </message>
    <message>
        <source>%1 is not a date: a daily ledger needs its day as yyyy-MM-dd, e.g. 2025-03-14.</source>
        <translation>%1 不是日期：窗口日台账的日期格式为 yyyy-MM-dd，例如 2025-03-14。</translation>
    </message>
    <message>
        <source>%1 of %2: %3, check code %4</source>
        <translation>%2 的%1：%3，校验码 %4</translation>
    </message>
    <message>
        <source>usage: onewindow-admin print verify CHECK_CODE</source>
        <translation>用法：onewindow-admin print verify 校验码</translation>
    </message>
    <message>
        <source>No printed document has the check code %1: the paper was not printed by this counter, or the code is misread.</source>
        <translation>没有校验码为 %1 的已打印文书：该纸质文书不是本窗口打印的，或校验码读错。</translation>
    </message>
    <message>
        <source>matches the record: the store still says what the paper says</source>
        <translation>与记录一致：数据库记录与纸质文书内容相同</translation>
    </message>
    <message>
        <source>differs: the record has changed since this document was printed</source>
        <translation>不一致：该文书打印后记录已发生变化</translation>
    </message>
    <message>
        <source>usage: onewindow-admin print journal CASE_OR_NOTICE_OR_WAYBILL|DATE</source>
        <translation>用法：onewindow-admin print journal 办件编号、通知书编号或运单号|日期</translation>
    </message>
    <message>
        <source>Nothing of %1 was printed.</source>
        <translation>%1 没有打印记录。</translation>
    </message>
    <message>
        <source>usage: onewindow-admin settings show | set KEY VALUE | reset KEY</source>
        <translation>用法：onewindow-admin settings show | set 键 值 | reset 键</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>cannot be checked: %1</source>
        <translation>无法核验：%1</translation>
    </message>
    <message>
        <source>Unknown document %1: use receipt, notice, refusal, completion, slip, ledger or archive.</source>
        <translation>未知文书 %1：请用 receipt、notice、refusal、completion、slip、ledger 或 archive。</translation>
    </message>
</context>
<context>
    <name>ow::PrintJournal</name>
    <message>
        <source>A print needs the case, notice or day it is of.</source>
        <translation>打印须指明所属的办件、通知书或日期。</translation>
    </message>
    <message>
        <source>A print needs the clerk who prints it.</source>
        <translation>打印须记录打印的工作人员。</translation>
    </message>
    <message>
        <source>A PDF export needs a file name.</source>
        <translation>导出PDF须指定文件名。</translation>
    </message>
    <message>
        <source>A print needs the printer&apos;s name.</source>
        <translation>打印须指定打印机名称。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>A check code is the group of hexadecimal digits printed at the foot of each page (at least 8, e.g. 3f2a-09bc); &quot;%1&quot; is not.</source>
        <translation>校验码是每页页脚打印的一组十六进制数字（至少8位，例如 3f2a-09bc）；“%1”不是校验码。</translation>
    </message>
    <message>
        <source>It was printed in language %1 and can be checked only in that language, not in %2.</source>
        <translation>该文书以 %1 语言打印，只能以该语言核验，不能以 %2 核验。</translation>
    </message>
</context>
<context>
    <name>ow::Rating</name>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Fairly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
</context>
<context>
    <name>ow::RatingService</name>
    <message>
        <source>A rating is a grade from 5 (very satisfied) to 1 (very dissatisfied), not %1.</source>
        <translation>评价等级为 5（非常满意）至 1（非常不满意），不能是 %1。</translation>
    </message>
    <message>
        <source>A grade of %1 (%2) needs the applicant&apos;s reason.</source>
        <translation>评价为 %1（%2）时须填写申请人给出的原因。</translation>
    </message>
    <message>
        <source>There is no case with the number %1.</source>
        <translation>没有编号为 %1 的办件。</translation>
    </message>
    <message>
        <source>Name the site the rating was given at (--site).</source>
        <translation>请指明评价所在的服务点（--site）。</translation>
    </message>
    <message>
        <source>Rated %1 (%2): %3</source>
        <translation>评价 %1（%2）：%3</translation>
    </message>
</context>
<context>
    <name>ow::Refusal</name>
    <message>
        <source>Wrong site</source>
        <translation>站点不符</translation>
    </message>
    <message>
        <source>Case number of another site</source>
        <translation>非本站点办件编号</translation>
    </message>
    <message>
        <source>Case number taken</source>
        <translation>办件编号已被占用</translation>
    </message>
    <message>
        <source>Case number changed</source>
        <translation>办件编号不一致</translation>
    </message>
    <message>
        <source>Case taken</source>
        <translation>办件已由其他站点登记</translation>
    </message>
    <message>
        <source>Kept by the back office</source>
        <translation>已由后台办理</translation>
    </message>
    <message>
        <source>Case not found</source>
        <translation>中心无此办件</translation>
    </message>
    <message>
        <source>Changed at the centre</source>
        <translation>中心已有更新</translation>
    </message>
    <message>
        <source>Move not allowed</source>
        <translation>不允许的状态变更</translation>
    </message>
    <message>
        <source>Unknown status</source>
        <translation>未知状态</translation>
    </message>
    <message>
        <source>Unknown operation</source>
        <translation>未知操作</translation>
    </message>
    <message>
        <source>Unknown kind of record</source>
        <translation>未知记录类别</translation>
    </message>
    <message>
        <source>Operation taken</source>
        <translation>操作编号已被占用</translation>
    </message>
    <message>
        <source>Not valid</source>
        <translation>数据无效</translation>
    </message>
    <message>
        <source>Conflicts with the centre&apos;s data</source>
        <translation>与中心数据冲突</translation>
    </message>
    <message>
        <source>The case names site %1, but this counter signs in at the centre as site %2.</source>
        <translation>办件所属站点为 %1，但本窗口以站点 %2 的身份登录中心。</translation>
    </message>
    <message>
        <source>The case number %1 does not begin with this site&apos;s code %2.</source>
        <translation>办件编号 %1 不是以本站点代码 %2 开头。</translation>
    </message>
    <message>
        <source>The case number %1 is already used by another case at the centre.</source>
        <translation>中心已有其他办件使用办件编号 %1。</translation>
    </message>
    <message>
        <source>The case already has the number %1 at the centre; it cannot become %2.</source>
        <translation>该办件在中心的办件编号为 %1，不能改为 %2。</translation>
    </message>
    <message>
        <source>The case is already recorded at the centre by another site.</source>
        <translation>该办件已由其他站点在中心登记。</translation>
    </message>
    <message>
        <source>Case %1 is %2: from forwarding on, its data is kept by the back office.</source>
        <translation>办件 %1 当前为“%2”：转办之后，其数据由后台部门维护。</translation>
    </message>
    <message>
        <source>The centre knows no such case of site %1.</source>
        <translation>中心没有站点 %1 的这件办件。</translation>
    </message>
    <message>
        <source>Case %1 is now %2 at the centre (version %3); this move was made from version %4.</source>
        <translation>办件 %1 在中心已为“%2”（第 %3 版）；本次操作基于第 %4 版。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Case %1 cannot go from %2 to %3.</source>
        <translation>办件 %1 不能由“%2”变为“%3”。</translation>
    </message>
    <message>
        <source>The centre knows no case status %1.</source>
        <translation>中心没有办件状态“%1”。</translation>
    </message>
    <message>
        <source>The centre does not take operations of kind %1.</source>
        <translation>中心不接受“%1”类操作。</translation>
    </message>
    <message>
        <source>The centre does not keep records of the kind %1.</source>
        <translation>中心不保存“%1”类记录。</translation>
    </message>
    <message>
        <source>The operation&apos;s id is already used by another site.</source>
        <translation>该操作编号已被其他站点使用。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>Status of a case</source>
        <translation>办件状态</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <source>Supervisor&apos;s override</source>
        <translation>审核员强制通过</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印记录</translation>
    </message>
    <message>
        <source>Mailing</source>
        <translation>邮寄</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Call-back</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
</context>
<context>
    <name>ow::SampleCatalogue</name>
    <message>
        <source>The embedded sample catalogue is invalid: %1</source>
        <translation>内置示例目录无效：%1</translation>
    </message>
</context>
<context>
    <name>ow::SamplingService</name>
    <message>
        <source>open</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>rectifying</source>
        <translation>整改中</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已销号</translation>
    </message>
    <message>
        <source>The first day of the period is missing or not a date.</source>
        <translation>缺少期间的起始日，或起始日不是日期。</translation>
    </message>
    <message>
        <source>The last day of the period is missing or not a date.</source>
        <translation>缺少期间的截止日，或截止日不是日期。</translation>
    </message>
    <message>
        <source>The last day of the period comes before its first day.</source>
        <translation>期间的截止日早于起始日。</translation>
    </message>
    <message>
        <source>The number of cases to draw must be 1 or more.</source>
        <translation>抽取的件数至少为1。</translation>
    </message>
    <message>
        <source>No cases were drawn.</source>
        <translation>未抽取任何办件。</translation>
    </message>
    <message>
        <source>No case was accepted from %1 to %2: nothing to draw.</source>
        <translation>%1 至 %2 期间没有受理的办件，无可抽取。</translation>
    </message>
    <message>
        <source>There is no draw %1.</source>
        <translation>没有抽查批次 %1。</translation>
    </message>
    <message>
        <source>Case %1 was not drawn for sampling.</source>
        <translation>办件 %1 未被抽查。</translation>
    </message>
    <message>
        <source>Case %1 is not in draw %2.</source>
        <translation>办件 %1 不在抽查批次 %2 中。</translation>
    </message>
    <message>
        <source>Say what was found.</source>
        <translation>请填写发现的问题。</translation>
    </message>
    <message>
        <source>Say what must be put right.</source>
        <translation>请填写整改要求。</translation>
    </message>
    <message>
        <source>Say how the case was closed: the rectification done, or that nothing was found.</source>
        <translation>请填写销号说明：已完成的整改，或未发现问题。</translation>
    </message>
    <message>
        <source>Case %1 was not changed.</source>
        <translation>办件 %1 未作更改。</translation>
    </message>
    <message>
        <source>Sampled case %1 is %2: it cannot be %3.</source>
        <translation>抽查办件 %1 处于“%2”状态，不能%3。</translation>
    </message>
    <message>
        <source>given a finding</source>
        <translation>登记问题</translation>
    </message>
</context>
<context>
    <name>ow::Session</name>
    <message>
        <source>system operator</source>
        <translation>本机操作员</translation>
    </message>
    <message>
        <source>No one is signed in: sign in to %1.</source>
        <translation>当前无人登录：请登录后再%1。</translation>
    </message>
    <message>
        <source>%1 (%2, %3) may not %4: that takes the %5 role.</source>
        <translation>%1（%2，%3）无权%4：需要%5角色。</translation>
    </message>
</context>
<context>
    <name>ow::StatsService</name>
    <message>
        <source>The first day of the period is missing or not a date.</source>
        <translation>缺少期间的起始日，或起始日不是日期。</translation>
    </message>
    <message>
        <source>The last day of the period is missing or not a date.</source>
        <translation>缺少期间的截止日，或截止日不是日期。</translation>
    </message>
    <message>
        <source>The last day of the period comes before its first day.</source>
        <translation>期间的截止日早于起始日。</translation>
    </message>
    <message>
        <source>The statistics cannot be counted.</source>
        <translation>无法统计。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>week of %1</source>
        <translation>%1 当周</translation>
    </message>
</context>
<context>
    <name>ow::SyncEngine</name>
    <message>
        <source>This counter has no site code: set it in the sync settings.</source>
        <translation>本窗口终端未设置网点代码：请在同步设置中设置。</translation>
    </message>
    <message>
        <source>The centre takes no records of kind %1.</source>
        <translation>中心不接收类型为 %1 的记录。</translation>
    </message>
    <message>
        <source>There is no case status %1.</source>
        <translation>不存在办件状态 %1。</translation>
    </message>
    <message>
        <source>There is no case %1 in this store.</source>
        <translation>本地数据库中没有办件 %1。</translation>
    </message>
    <message>
        <source>The catalogue the centre published cannot be used: %1</source>
        <translation>中心发布的事项目录无法使用：%1</translation>
    </message>
</context>
<context>
    <name>ow::SyncSettings</name>
    <message>
        <source>The sync settings %1 cannot be read.</source>
        <translation>无法读取同步设置 %1。</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>The sync settings %1 cannot be written.</source>
        <translation>无法写入同步设置 %1。</translation>
    </message>
    <message>
        <source>The credential file %1 cannot be written: %2</source>
        <translation>无法写入凭据文件 %1：%2</translation>
    </message>
    <message>
        <source>The credential file %1 cannot be made private.</source>
        <translation>无法将凭据文件 %1 设为仅本人可读。</translation>
    </message>
    <message>
        <source>There is no credential file %1: run `onewindow-admin sync configure` with the site&apos;s address.</source>
        <translation>凭据文件 %1 不存在：请用本网点的地址运行 `onewindow-admin sync configure`。</translation>
    </message>
    <message>
        <source>The credential file %1 can be read by other users; restrict it with chmod 600 %1.</source>
        <translation>凭据文件 %1 可被其他用户读取；请用 chmod 600 %1 加以限制。</translation>
    </message>
    <message>
        <source>The credential file %1 cannot be read: %2</source>
        <translation>无法读取凭据文件 %1：%2</translation>
    </message>
    <message>
        <source>No central address is set: run `onewindow-admin sync configure --central URL --site CODE`.</source>
        <translation>未设置中心地址：请运行 `onewindow-admin sync configure --central URL --site CODE`。</translation>
    </message>
</context>
<context>
    <name>ow::SyncStore</name>
    <message>
        <source>The centre was restored from a backup.</source>
        <translation>中心已从备份恢复。</translation>
    </message>
    <message>
        <source>The centre&apos;s database was restored on another server.</source>
        <translation>中心数据库已在另一台服务器上恢复。</translation>
    </message>
    <message>
        <source>The centre switched to its standby server.</source>
        <translation>中心已切换到备用服务器。</translation>
    </message>
    <message>
        <source>The centre no longer had records it had confirmed.</source>
        <translation>中心丢失了此前已确认收到的记录。</translation>
    </message>
    <message>
        <source>The centre&apos;s list of changes went back in time.</source>
        <translation>中心的变更记录回退到了较早的状态。</translation>
    </message>
    <message numerus="yes">
        <source>The centre confirmed no backup for the records of the last %n day(s): %1 of them are no longer kept here to be sent again after a restore of the centre.</source>
        <translation>
            <numerusform>中心 %n 天内未确认备份：其中 %1 条记录本机不再保留，中心恢复后将无法重新上传。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) sent again.</source>
        <translation>
            <numerusform>已重新上传 %n 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing this counter sent was lost.</source>
        <translation>本机上传的记录无一丢失。</translation>
    </message>
    <message>
        <source>A fresh copy of the centre&apos;s data was taken.</source>
        <translation>已重新下载中心数据。</translation>
    </message>
</context>
<context>
    <name>ow::SyncWorker</name>
    <message>
        <source>The centre cannot be reached; cases wait here and are sent when it answers again. (%1)</source>
        <translation>无法连接中心；办件暂存在本机，中心恢复后自动上传。（%1）</translation>
    </message>
</context>
<context>
    <name>ow::TextRules</name>
    <message>
        <source>Character %1 is %2, a line break: this text is one line.</source>
        <translation>第%1个字符为%2，是换行符：此处只能填写一行文字。</translation>
    </message>
    <message>
        <source>Character %1 is %2, a line break other than LF: lines are separated by LF (U+000A) alone.</source>
        <translation>第%1个字符为%2，是LF以外的换行符：各行之间只能用LF（U+000A）分隔。</translation>
    </message>
    <message>
        <source>Character %1 is %2, a control character: a text cannot hold one.</source>
        <translation>第%1个字符为%2，是控制字符：文字中不能包含此类字符。</translation>
    </message>
    <message>
        <source>Character %1 is %2, an invisible formatting character: a text cannot hold one.</source>
        <translation>第%1个字符为%2，是不可见的格式字符：文字中不能包含此类字符。</translation>
    </message>
    <message>
        <source>Character %1 (%2) is not a character: the text is damaged.</source>
        <translation>第%1个字符（%2）不是有效字符：文本已损坏。</translation>
    </message>
</context>
<context>
    <name>ow::Validators</name>
    <message>
        <source>Phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>Waybill number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>%1 is not a mobile number: it may hold only digits, spaces, hyphens and a leading +86.</source>
        <translation>%1 不是手机号码：只能包含数字、空格、连字符和开头的 +86。</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits; %1 has %2.</source>
        <translation>手机号码应为11位数字，%1 为%2位。</translation>
    </message>
    <message>
        <source>A mobile number starts with 13 to 19, not %1.</source>
        <translation>手机号码应以13至19开头，而不是%1。</translation>
    </message>
    <message>
        <source>The area code %1 should have %2 digits: 010 and 02X have 3, the other area codes 4.</source>
        <translation>区号%1应为%2位：010和02X为3位，其他区号为4位。</translation>
    </message>
    <message>
        <source>%1 is not a fixed-line number: write 0, the area code and the local number, e.g. 010-12345678 or 0755-1234567, with an optional extension.</source>
        <translation>%1 不是固定电话号码：请按“0+区号+本地号码”填写，如 010-12345678 或 0755-1234567，可另加分机号。</translation>
    </message>
    <message>
        <source>%1 has two extensions; give one at most.</source>
        <translation>%1 含有两个分机号；最多只能填写一个。</translation>
    </message>
    <message>
        <source>After the area code %1 the local number has 7 or 8 digits; %2 has %3.</source>
        <translation>区号%1之后的本地号码应为7或8位，%2 为%3位。</translation>
    </message>
    <message>
        <source>The local number %1 cannot start with %2.</source>
        <translation>本地号码%1不能以%2开头。</translation>
    </message>
    <message>
        <source>An extension has 1 to 6 digits; %1 has %2.</source>
        <translation>分机号应为1至6位数字，%1 为%2位。</translation>
    </message>
    <message>
        <source>The mobile number is missing.</source>
        <translation>缺少手机号码。</translation>
    </message>
    <message>
        <source>The mobile number %1 is not valid.</source>
        <translation>手机号码%1无效。</translation>
    </message>
    <message>
        <source>The phone number %1 is not valid.</source>
        <translation>电话号码%1无效。</translation>
    </message>
    <message>
        <source>The phone number is missing.</source>
        <translation>缺少电话号码。</translation>
    </message>
    <message>
        <source>%1 lacks the area code: write it as 0XXX-%1.</source>
        <translation>%1 缺少区号：请写作 0XXX-%1。</translation>
    </message>
    <message>
        <source>A phone number starts with 1 (a mobile) or 0 (a fixed line with its area code), not %1.</source>
        <translation>电话号码应以1（手机）或0（带区号的固定电话）开头，而不是%1。</translation>
    </message>
    <message>
        <source>The postcode is missing.</source>
        <translation>缺少邮政编码。</translation>
    </message>
    <message>
        <source>A postcode has 6 digits; this one has %1 characters.</source>
        <translation>邮政编码应为6位数字，此处为%1个字符。</translation>
    </message>
    <message>
        <source>Position %1 is %2; a postcode has digits only.</source>
        <translation>第%1位为%2；邮政编码只能包含数字。</translation>
    </message>
    <message>
        <source>Positions %1 are not digits; a postcode has digits only.</source>
        <translation>第%1位不是数字；邮政编码只能包含数字。</translation>
    </message>
    <message>
        <source>The postcode %1 is not valid.</source>
        <translation>邮政编码%1无效。</translation>
    </message>
    <message>
        <source>The waybill number %1 is not valid.</source>
        <translation>运单号%1无效。</translation>
    </message>
    <message>
        <source>The waybill number is missing.</source>
        <translation>缺少运单号。</translation>
    </message>
    <message>
        <source>A waybill number has 13 characters (2 letters, 9 digits and 2 letters, e.g. EA473124829CN, or 13 digits for a domestic EMS waybill); this one has %1.</source>
        <translation>运单号应为13位（2位字母、9位数字和2位字母，如 EA473124829CN；国内EMS运单号则为13位数字），此处为%1位。</translation>
    </message>
    <message>
        <source>Position %1 is %2; a domestic EMS waybill has 13 digits.</source>
        <translation>第%1位为%2；国内EMS运单号应为13位数字。</translation>
    </message>
    <message>
        <source>Position %1 is %2; in an international (S10) number positions 1-2 and 12-13 are letters.</source>
        <translation>第%1位为%2；国际（S10）邮件号的第1–2位和第12–13位应为字母。</translation>
    </message>
    <message>
        <source>Position %1 is %2; in an international (S10) number positions 3-11 are digits.</source>
        <translation>第%1位为%2；国际（S10）邮件号的第3–11位应为数字。</translation>
    </message>
    <message>
        <source>The check digit (position 11) should be %1, not %2.</source>
        <translation>第11位校验码应为%1，而不是%2。</translation>
    </message>
    <message>
        <source>The name is not valid.</source>
        <translation>姓名无效。</translation>
    </message>
    <message>
        <source>The name is missing.</source>
        <translation>缺少姓名。</translation>
    </message>
    <message>
        <source>A name has at most %1 characters; this one has %2.</source>
        <translation>姓名最多%1个字符，此处为%2个。</translation>
    </message>
    <message>
        <source>A name cannot start or end with “·”.</source>
        <translation>姓名不能以“·”开头或结尾。</translation>
    </message>
    <message>
        <source>A name cannot hold two “·” in a row.</source>
        <translation>姓名中不能连续出现两个“·”。</translation>
    </message>
    <message>
        <source>Resident ID number</source>
        <translation>居民身份证号码</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>The birth date in positions %1 (%2) is not a real date: there is no month %3.</source>
        <translation>第%1位的出生日期（%2）不是有效日期：不存在%3月。</translation>
    </message>
    <message>
        <source>The birth date in positions %1 (%2) is not a real date: month %3 of %4 has %5 days.</source>
        <translation>第%1位的出生日期（%2）不是有效日期：%4年%3月只有%5天。</translation>
    </message>
    <message>
        <source>The birth date in positions %1 (%2) is after today (%3).</source>
        <translation>第%1位的出生日期（%2）晚于今天（%3）。</translation>
    </message>
    <message>
        <source>The resident ID number %1 is not valid.</source>
        <translation>居民身份证号码%1无效。</translation>
    </message>
    <message>
        <source>The resident ID number is missing.</source>
        <translation>缺少居民身份证号码。</translation>
    </message>
    <message>
        <source>A resident ID number has 18 characters (an old one 15 digits); this one has %1.</source>
        <translation>居民身份证号码应为18位（旧版为15位数字），此处为%1位。</translation>
    </message>
    <message>
        <source>Position %1 is %2; an old 15-character number has digits only.</source>
        <translation>第%1位为%2；15位旧号码只能包含数字。</translation>
    </message>
    <message>
        <source>Position %1 is %2; positions 1-17 must be digits.</source>
        <translation>第%1位为%2；第1–17位必须是数字。</translation>
    </message>
    <message>
        <source>Positions %1 are not digits; an old 15-character number has digits only.</source>
        <translation>第%1位不是数字；15位旧号码只能包含数字。</translation>
    </message>
    <message>
        <source>Positions %1 are not digits; positions 1-17 must be digits.</source>
        <translation>第%1位不是数字；第1–17位必须是数字。</translation>
    </message>
    <message>
        <source>Position 18 is %1; the check character is a digit or X.</source>
        <translation>第18位为%1；校验码应为数字或X。</translation>
    </message>
    <message>
        <source>The check character (position 18) should be %1, not %2.</source>
        <translation>第18位校验码应为%1，而不是%2。</translation>
    </message>
    <message>
        <source>The unified social credit code %1 is not valid.</source>
        <translation>统一社会信用代码%1无效。</translation>
    </message>
    <message>
        <source>The unified social credit code is missing.</source>
        <translation>缺少统一社会信用代码。</translation>
    </message>
    <message>
        <source>A unified social credit code has 18 characters; this one has %1.</source>
        <translation>统一社会信用代码应为18位，此处为%1位。</translation>
    </message>
    <message>
        <source>Position %1 is %2: the letters I, O, S, V and Z never occur in a credit code.</source>
        <translation>第%1位为%2：统一社会信用代码中不使用字母I、O、S、V、Z。</translation>
    </message>
    <message>
        <source>Position %1 is %2, which is not one of the 31 symbols of a credit code (digits and capital letters other than I, O, S, V and Z).</source>
        <translation>第%1位为%2，不属于统一社会信用代码使用的31个字符（数字及除I、O、S、V、Z以外的大写字母）。</translation>
    </message>
    <message>
        <source>Position 1 (the registering department) is %1; it must be 1-9, A, N or Y.</source>
        <translation>第1位（登记管理部门代码）为%1；应为1–9、A、N或Y。</translation>
    </message>
    <message>
        <source>Position 2 (the organisation type) is %1; it must be a digit 1-9.</source>
        <translation>第2位（机构类别代码）为%1；应为数字1–9。</translation>
    </message>
    <message>
        <source>Position %1 is %2; positions 3-8 (the administrative division code) must be digits.</source>
        <translation>第%1位为%2；第3–8位（登记管理机关行政区划码）必须是数字。</translation>
    </message>
    <message>
        <source>Positions %1 are not digits; positions 3-8 (the administrative division code) must be digits.</source>
        <translation>第%1位不是数字；第3–8位（登记管理机关行政区划码）必须是数字。</translation>
    </message>
    <message>
        <source>establishment administration</source>
        <translation>机构编制</translation>
    </message>
    <message>
        <source>foreign affairs</source>
        <translation>外交</translation>
    </message>
    <message>
        <source>judicial administration</source>
        <translation>司法行政</translation>
    </message>
    <message>
        <source>culture</source>
        <translation>文化</translation>
    </message>
    <message>
        <source>civil affairs</source>
        <translation>民政</translation>
    </message>
    <message>
        <source>tourism</source>
        <translation>旅游</translation>
    </message>
    <message>
        <source>religious affairs</source>
        <translation>宗教</translation>
    </message>
    <message>
        <source>trade unions</source>
        <translation>工会</translation>
    </message>
    <message>
        <source>market regulation</source>
        <translation>市场监管</translation>
    </message>
    <message>
        <source>military establishment</source>
        <translation>中央军委改革和编制办公室</translation>
    </message>
    <message>
        <source>agriculture</source>
        <translation>农业</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>government body</source>
        <translation>机关</translation>
    </message>
    <message>
        <source>public institution</source>
        <translation>事业单位</translation>
    </message>
    <message>
        <source>mass organisation</source>
        <translation>中央编办直接管理机构编制的群众团体</translation>
    </message>
    <message>
        <source>resident foreign news agency</source>
        <translation>外国常驻新闻机构</translation>
    </message>
    <message>
        <source>law firm</source>
        <translation>律师执业机构</translation>
    </message>
    <message>
        <source>notary office</source>
        <translation>公证处</translation>
    </message>
    <message>
        <source>grassroots legal service office</source>
        <translation>基层法律服务所</translation>
    </message>
    <message>
        <source>forensic examination institution</source>
        <translation>司法鉴定机构</translation>
    </message>
    <message>
        <source>arbitration commission</source>
        <translation>仲裁委员会</translation>
    </message>
    <message>
        <source>foreign cultural centre</source>
        <translation>外国在华文化中心</translation>
    </message>
    <message>
        <source>social organisation</source>
        <translation>社会团体</translation>
    </message>
    <message>
        <source>private non-enterprise unit</source>
        <translation>民办非企业单位</translation>
    </message>
    <message>
        <source>foundation</source>
        <translation>基金会</translation>
    </message>
    <message>
        <source>foreign tourism office</source>
        <translation>外国在华旅游办事处</translation>
    </message>
    <message>
        <source>Hong Kong, Macao or Taiwan tourism office</source>
        <translation>香港特别行政区、澳门特别行政区和台湾地区在内地的旅游办事处</translation>
    </message>
    <message>
        <source>place of religious activity</source>
        <translation>宗教活动场所</translation>
    </message>
    <message>
        <source>religious college</source>
        <translation>宗教院校</translation>
    </message>
    <message>
        <source>grassroots trade union</source>
        <translation>基层工会</translation>
    </message>
    <message>
        <source>enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>individual business</source>
        <translation>个体工商户</translation>
    </message>
    <message>
        <source>farmers&apos; cooperative</source>
        <translation>农民专业合作社</translation>
    </message>
    <message>
        <source>military public institution</source>
        <translation>军队事业单位</translation>
    </message>
    <message>
        <source>group collective economic organisation</source>
        <translation>组级集体经济组织</translation>
    </message>
    <message>
        <source>village collective economic organisation</source>
        <translation>村级集体经济组织</translation>
    </message>
    <message>
        <source>township collective economic organisation</source>
        <translation>乡镇级集体经济组织</translation>
    </message>
    <message>
        <source>The birth date in positions %1 (%2) is before %3.</source>
        <translation>第%1位的出生日期（%2）早于%3年。</translation>
    </message>
    <message>
        <source>Positions 1-2 (%1) are not the code of a province, autonomous region or municipality (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81-83).</source>
        <translation>第1–2位（%1）不是省、自治区、直辖市的代码（11–15、21–23、31–37、41–46、50–54、61–65、71、81–83）。</translation>
    </message>
</context>
<context>
    <name>ow::WaybillNumber</name>
    <message>
        <source>Waybill number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>The waybill number is missing: scan or type it.</source>
        <translation>运单号未填写：请扫描或输入。</translation>
    </message>
    <message>
        <source>The waybill number %1 looks like an international (S10) number, but position %2 is %3: positions 3-11 are digits.</source>
        <translation>运单号 %1 形如国际（S10）编号，但第 %2 位是 %3：第 3-11 位应为数字。</translation>
    </message>
    <message>
        <source>The check digit of the waybill number %1 is %2, but its S10 check digit is %3: the number is mistyped or misread.</source>
        <translation>运单号 %1 的校验位是 %2，按 S10 规则应为 %3：号码输错或扫错。</translation>
    </message>
    <message>
        <source>The waybill number %1 has %2 at position %3: a waybill number holds only the letters A-Z and the digits 0-9.</source>
        <translation>运单号 %1 的第 %3 位是 %2：运单号只能由字母 A-Z 和数字 0-9 组成。</translation>
    </message>
    <message>
        <source>The waybill number %1 has %2 characters: a waybill number has 8 to 20.</source>
        <translation>运单号 %1 有 %2 位：运单号应为 8 至 20 位。</translation>
    </message>
</context>
<context>
    <name>ow::WorkCalendar</name>
    <message>
        <source>Cannot read the holiday calendar %1: %2</source>
        <translation>无法读取节假日日历 %1：%2</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第%1行</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1，第%2行</translation>
    </message>
    <message>
        <source>Expected a date, a type (off or work), a name and optionally a source, separated by tabs; found %1 column(s).</source>
        <translation>每行应为日期、类型（off 或 work）、名称以及可选的来源，以制表符分隔；实际为%1列。</translation>
    </message>
    <message>
        <source>%1 is not a date (YYYY-MM-DD) or a range of dates (YYYY-MM-DD..YYYY-MM-DD).</source>
        <translation>%1 不是日期（YYYY-MM-DD）或日期范围（YYYY-MM-DD..YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>The range %1 ends before it starts.</source>
        <translation>日期范围 %1 的结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>The range %1 covers %2 days; a range covers 31 days at most.</source>
        <translation>日期范围 %1 跨%2天；一个日期范围最多31天。</translation>
    </message>
    <message>
        <source>The type is “%1”; it must be off or work.</source>
        <translation>类型为“%1”；必须为 off（放假）或 work（调休上班）。</translation>
    </message>
    <message>
        <source>%1 is a weekday; a work entry is a Saturday or a Sunday that becomes a working day.</source>
        <translation>%1 是周一至周五之间的日子；work 条目只能是调为工作日的周六或周日。</translation>
    </message>
    <message>
        <source>%1 is already listed on line %2.</source>
        <translation>%1 已在第%2行列出。</translation>
    </message>
    <message>
        <source>The holiday calendar</source>
        <translation>节假日日历</translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n error(s); nothing was loaded.</source>
        <translation>
            <numerusform>%1 有%n处错误；未加载任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 lists no days.</source>
        <translation>%1 中没有列出任何日期。</translation>
    </message>
</context>
<context>
    <name>ow::admin</name>
    <message>
        <source>Usage: %1</source>
        <translation>用法：%1</translation>
    </message>
    <message>
        <source>Imported %1: %2 items added, %3 updated, %4 joint items and %5 rules added or changed; %6 items in the catalogue.</source>
        <translation>已导入 %1：新增事项%2个，更新%3个；新增或修改联办事项%4个、规则%5条；目录中现有事项%6个。</translation>
    </message>
    <message>
        <source>Cannot write to standard output.</source>
        <translation>无法写入标准输出。</translation>
    </message>
    <message>
        <source>Exported %1 items, %2 joint items and %3 rules to %4.</source>
        <translation>已将%1个事项、%2个联办事项和%3条规则导出到 %4。</translation>
    </message>
    <message>
        <source>%1 items and %2 joint items written to %3</source>
        <translation>已将%1个事项和%2个联办事项写入 %3</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>The central database is up to date (schema %1).</source>
        <translation>中心数据库已是最新（结构版本 %1）。</translation>
    </message>
    <message>
        <source>The central database is now at schema %1 (applied: %2).</source>
        <translation>中心数据库现为结构版本 %1（已执行迁移：%2）。</translation>
    </message>
    <message>
        <source>Site %1 (%2, %3) added.</source>
        <translation>已添加网点 %1（%2，%3）。</translation>
    </message>
    <message>
        <source>Its login is shown only this once; the centre keeps no copy of the password. Give it to the site&apos;s counters:</source>
        <translation>登录信息仅显示这一次，中心不保存密码副本。请将其交给该网点的窗口终端：</translation>
    </message>
    <message>
        <source>Catalogue published: %1 entries added, %2 already published as they are.</source>
        <translation>事项目录已发布：新增条目%1个，另有%2个条目此前已按相同内容发布。</translation>
    </message>
    <message>
        <source>Calendar published: %1 years added, %2 changed, %3 unchanged.</source>
        <translation>工作日历已发布：新增%1个年度，修改%2个，未变%3个。</translation>
    </message>
    <message>
        <source>The credit grade of %1 was already %2.</source>
        <translation>%1 的信用等级原已为 %2。</translation>
    </message>
    <message>
        <source>The credit grade of %1 is now %2.</source>
        <translation>%1 的信用等级已改为 %2。</translation>
    </message>
    <message>
        <source>Case %1 is now %2 (status version %3), decided by %4.</source>
        <translation>办件 %1 现为 %2（状态版本 %3），决定人：%4。</translation>
    </message>
    <message>
        <source>Central database %1: schema %2, %3 sites, %4 changes in the log.</source>
        <translation>中心数据库 %1：结构版本 %2，网点%3个，变更日志%4条。</translation>
    </message>
    <message>
        <source>%1  %2 (%3): last contact %4, %5 counters, %6 cases, %7 changes not yet acknowledged, %8 operations waiting at the counters, %9 in quarantine</source>
        <translation>%1  %2（%3）：最近联系 %4，窗口终端%5台，办件%6件，未确认变更%7条，窗口待上传操作%8条，隔离%9条</translation>
    </message>
    <message>
        <source>Cannot read the standard input.</source>
        <translation>无法读取标准输入。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>第%1行第%2列</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>提示：%1</translation>
    </message>
    <message>
        <source>accepted: case %1, status %2, visit %3</source>
        <translation>已受理：办件 %1，状态 %2，第%3次到场</translation>
    </message>
    <message>
        <source>promised %1</source>
        <translation>承诺办结日期 %1</translation>
    </message>
    <message>
        <source>(provisional: the holiday calendar of that year is not published)</source>
        <translation>（暂定：当年节假日安排尚未公布）</translation>
    </message>
    <message>
        <source>correction requested: notice %1, visit %2, %3 line(s)</source>
        <translation>已一次性告知补正：告知书 %1，第%2次到场，共%3项</translation>
    </message>
    <message>
        <source>not accepted: notice %1</source>
        <translation>不予受理：通知书 %1</translation>
    </message>
    <message>
        <source>An intake document is a JSON object.</source>
        <translation>受理文档应为一个 JSON 对象。</translation>
    </message>
    <message>
        <source>usage: onewindow-admin intake --json FILE|- [--site CODE] [--site-level city|town|village] [--window W] [--clerk NAME]</source>
        <translation>用法：onewindow-admin intake --json FILE|- [--site CODE] [--site-level city|town|village] [--window W] [--clerk NAME]</translation>
    </message>
    <message>
        <source>%1: not JSON (%2): %3</source>
        <translation>%1：不是 JSON（%2）：%3</translation>
    </message>
    <message>
        <source>standard input</source>
        <translation>标准输入</translation>
    </message>
    <message>
        <source>batch: %1 of %2 succeeded</source>
        <translation>批量处理：%2项中%1项成功</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>办件 %1</translation>
    </message>
    <message>
        <source>(no case number yet)</source>
        <translation>（尚无办件编号）</translation>
    </message>
    <message>
        <source>status: %1 (%2)</source>
        <translation>状态：%1（%2）</translation>
    </message>
    <message>
        <source>applicant: %1 %2</source>
        <translation>申请人：%1 %2</translation>
    </message>
    <message>
        <source>agent: %1 %2</source>
        <translation>代理人：%1 %2</translation>
    </message>
    <message>
        <source>site %1, window %2, clerk %3, channel %4, visit %5</source>
        <translation>网点 %1，窗口 %2，受理人 %3，渠道 %4，第%5次到场</translation>
    </message>
    <message>
        <source>promised: %1 (%2 working days)%3</source>
        <translation>承诺办结：%1（%2个工作日）%3</translation>
    </message>
    <message>
        <source>, provisional</source>
        <translation>，暂定</translation>
    </message>
    <message>
        <source>delivery: %1 %2</source>
        <translation>送达方式：%1 %2</translation>
    </message>
    <message>
        <source>item %1 v%2 %3</source>
        <translation>事项 %1 第%2版 %3</translation>
    </message>
    <message>
        <source>material %1 %2: %3</source>
        <translation>材料 %1 %2：%3</translation>
    </message>
    <message>
        <source>%1 %2 -&gt; %3 by %4 at %5/%6</source>
        <translation>%1 %2 -&gt; %3，操作人 %4，地点 %5/%6</translation>
    </message>
    <message>
        <source>correction %1 (%2)</source>
        <translation>补正告知 %1（%2）</translation>
    </message>
    <message>
        <source>refusal %1: %2 (%3) %4</source>
        <translation>不予受理 %1：%2（%3）%4</translation>
    </message>
    <message>
        <source>usage: onewindow-admin case show NUMBER [--json]</source>
        <translation>用法：onewindow-admin case show NUMBER [--json]</translation>
    </message>
    <message>
        <source>No case or notice has the number %1.</source>
        <translation>没有编号为 %1 的办件或通知书。</translation>
    </message>
    <message>
        <source>birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>address code</source>
        <translation>地址码</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>upgraded from the 15-digit number %1</source>
        <translation>由15位号码 %1 升位</translation>
    </message>
    <message>
        <source>Only the check character is wrong: a supervisor may accept the code with a recorded reason.</source>
        <translation>仅校验码有误：负责人可在记录理由后接受该代码。</translation>
    </message>
    <message>
        <source>registering department</source>
        <translation>登记管理部门</translation>
    </message>
    <message>
        <source>organisation type</source>
        <translation>机构类别</translation>
    </message>
    <message>
        <source>division code</source>
        <translation>行政区划码</translation>
    </message>
    <message>
        <source>organisation code</source>
        <translation>主体标识码</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>fixed line</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>area code</source>
        <translation>区号</translation>
    </message>
    <message>
        <source>extension</source>
        <translation>分机号</translation>
    </message>
    <message>
        <source>domestic EMS waybill</source>
        <translation>国内EMS运单</translation>
    </message>
    <message>
        <source>international (UPU S10)</source>
        <translation>国际（万国邮联 S10）</translation>
    </message>
    <message>
        <source>service</source>
        <translation>业务代码</translation>
    </message>
    <message>
        <source>country</source>
        <translation>国家代码</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>字符数</translation>
    </message>
    <message>
        <source>Unknown kind of value: %1</source>
        <translation>未知的值类型：%1</translation>
    </message>
    <message>
        <source>--sslmode must be one of %1.</source>
        <translation>--sslmode 必须是以下之一：%1。</translation>
    </message>
    <message>
        <source>Sync settings saved: centre %1, site %2.</source>
        <translation>同步设置已保存：中心 %1，网点 %2。</translation>
    </message>
    <message>
        <source>Sent %1 operations: %2 applied, %3 already there, %4 refused.</source>
        <translation>已上传%1项操作：%2项已应用，%3项此前已到达中心，%4项被拒绝。</translation>
    </message>
    <message>
        <source>Received %1 changes%2; %3 cases moved by the back office.</source>
        <translation>已接收%1项变更%2；后台改变了%3件办件的状态。</translation>
    </message>
    <message>
        <source> (full download)</source>
        <translation>（完整下载）</translation>
    </message>
    <message>
        <source>Waiting: %1; in quarantine: %2.</source>
        <translation>待上传：%1；隔离区：%2。</translation>
    </message>
    <message>
        <source>Full download: %1, %2 rows</source>
        <translation>完整下载：%1，%2行</translation>
    </message>
    <message>
        <source>in sync; waiting %1, quarantine %2</source>
        <translation>已同步；待上传%1，隔离%2</translation>
    </message>
    <message>
        <source>Waiting to be sent: %1 (under an hour %2, under a day %3, older %4)</source>
        <translation>待上传：%1（不足1小时%2，不足1天%3，更早%4）</translation>
    </message>
    <message>
        <source>Last success: %1</source>
        <translation>最近一次成功：%1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>最近一次错误：%1</translation>
    </message>
    <message>
        <source>In quarantine: %1</source>
        <translation>隔离区：%1</translation>
    </message>
    <message>
        <source>The audit log is broken at entry %1.</source>
        <translation>审计日志在第%1条记录处断裂。</translation>
    </message>
    <message>
        <source>Newest entry&apos;s hash: %1</source>
        <translation>最新一条记录的哈希值：%1</translation>
    </message>
    <message>
        <source>--since: &quot;%1&quot; is not a date YYYY-MM-DD.</source>
        <translation>--since：“%1”不是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>--limit: &quot;%1&quot; is not a positive whole number.</source>
        <translation>--limit：“%1”不是正整数。</translation>
    </message>
    <message>
        <source>No password on the standard input (one line is read).</source>
        <translation>标准输入中没有密码（读取一行）。</translation>
    </message>
    <message>
        <source>No password was typed.</source>
        <translation>未输入密码。</translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>The two passwords differ; nothing was changed.</source>
        <translation>两次输入的密码不一致；未做任何更改。</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked until unlocked</source>
        <translation>已锁定，待解锁</translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>--role: &quot;%1&quot; is not a role; the roles are clerk, supervisor and administrator.</source>
        <translation>--role：“%1”不是有效角色；角色为 clerk（受理员）、supervisor（负责人）和 administrator（管理员）。</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>%1 的密码</translation>
    </message>
    <message>
        <source>Added %1 (%2), %3.</source>
        <translation>已添加 %1（%2），%3。</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>%1 的新密码</translation>
    </message>
    <message>
        <source>The password of %1 was changed.</source>
        <translation>%1 的密码已修改。</translation>
    </message>
    <message>
        <source>%1 may sign in again.</source>
        <translation>%1 已可重新登录。</translation>
    </message>
    <message>
        <source>%1 is disabled and cannot sign in.</source>
        <translation>%1 已停用，无法登录。</translation>
    </message>
    <message>
        <source>%1 is unlocked.</source>
        <translation>%1 已解锁。</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a whole number.</source>
        <translation>%1：“%2”不是整数。</translation>
    </message>
    <message>
        <source>Sign-in policy: the account locks after %1 failed sign-ins in a row for %2 minutes (0: until a supervisor unlocks it); the screen locks after %3 idle minutes (0: never); passwords have at least %4 characters.</source>
        <translation>登录策略：连续登录失败%1次后账号锁定%2分钟（0：直至负责人解锁）；无操作%3分钟后锁屏（0：从不锁屏）；密码至少%4个字符。</translation>
    </message>
    <message>
        <source>--today: %1 is not a date (YYYY-MM-DD).</source>
        <translation>--today：%1 不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>--yellow-days: %1 is not a number of working days.</source>
        <translation>--yellow-days：%1 不是工作日数。</translation>
    </message>
    <message>
        <source>Case %1 has no promised date.</source>
        <translation>办件 %1 没有承诺办结日期。</translation>
    </message>
    <message>
        <source>due: %1 (promised %2, %3 working day(s) paused)%4</source>
        <translation>到期：%1（承诺 %2，暂停 %3 个工作日）%4</translation>
    </message>
    <message>
        <source>working days left: %1</source>
        <translation>剩余工作日：%1</translation>
    </message>
    <message>
        <source>state: %1 (%2)%3</source>
        <translation>状态：%1（%2）%3</translation>
    </message>
    <message>
        <source>, the clock has stopped</source>
        <translation>，已停止计时</translation>
    </message>
    <message>
        <source>--count: &quot;%1&quot; is not a positive whole number.</source>
        <translation>--count：“%1”不是正整数。</translation>
    </message>
    <message>
        <source>--seed: &quot;%1&quot; is not a whole number.</source>
        <translation>--seed：“%1”不是整数。</translation>
    </message>
    <message>
        <source>Draw %1: %2 of %3 cases, seed %4.</source>
        <translation>抽查批次 %1：从 %3 件中抽取 %2 件，种子 %4。</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <source>--from: &quot;%1&quot; is not a date YYYY-MM-DD.</source>
        <translation>--from：“%1”不是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>--to: &quot;%1&quot; is not a date YYYY-MM-DD.</source>
        <translation>--to：“%1”不是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>--by: &quot;%1&quot; is not one of clerk, item, category, day, week, month, site, window.</source>
        <translation>--by：“%1”不是 clerk、item、category、day、week、month、site、window 之一。</translation>
    </message>
    <message>
        <source>--format: &quot;%1&quot; is not one of csv, json, text.</source>
        <translation>--format：“%1”不是 csv、json、text 之一。</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s)</source>
        <translation>
            <numerusform>回访 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mailing(s) written.</source>
        <translation>
            <numerusform>已写入 %n 件邮件。</numerusform>
        </translation>
    </message>
    <message>
        <source>notice given</source>
        <translation>已发告知单</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>--grade: %1 is not a grade from 1 to 5.</source>
        <translation>--grade：%1 不是 1 至 5 的评价等级。</translation>
    </message>
    <message>
        <source>call-back %1</source>
        <translation>回访任务 %1</translation>
    </message>
    <message>
        <source>%1: %2 is not a date (YYYY-MM-DD).</source>
        <translation>%1：%2 不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>No mailing in the ledger matches.</source>
        <translation>台账中没有符合条件的邮寄。</translation>
    </message>
    <message>
        <source>No consultation logged that day matches.</source>
        <translation>当天没有符合条件的咨询登记。</translation>
    </message>
    <message>
        <source>No call-back task.</source>
        <translation>没有回访任务。</translation>
    </message>
    <message>
        <source>No open call-back task.</source>
        <translation>没有待办的回访任务。</translation>
    </message>
    <message>
        <source>Exported %1 items, %2 joint items and %3 rules to the CSV files of %4.</source>
        <translation>已将%1个事项、%2个联办事项和%3条规则导出为 %4 中的 CSV 文件。</translation>
    </message>
    <message>
        <source>already decided: %1; nothing was written</source>
        <translation>已处理过：%1；未写入任何内容</translation>
    </message>
    <message>
        <source>Backup begun: it will hold everything the centre finished before now. Run `central backup-mark` once it succeeded.</source>
        <translation>备份已开始：它将包含中心此前完成的全部数据。备份成功后请运行 `central backup-mark`。</translation>
    </message>
    <message>
        <source>Backup marked as done: the counters forget what it holds at their next sync.</source>
        <translation>备份已标记完成：各窗口下次同步时不再保留其中已备份的记录。</translation>
    </message>
    <message>
        <source>The centre now counts as restored: %1 changes dropped from the log. At their next connection the counters send again what the backup lacks and take a fresh copy of the centre&apos;s data; `central status` lists what they sent.</source>
        <translation>中心已登记为从备份恢复：变更日志清除 %1 条。各窗口下次连接时会重新上传备份中缺少的记录，并重新下载中心数据；`central status` 列出重新上传的情况。</translation>
    </message>
    <message>
        <source>declared restored from a backup (%1 changes dropped from the log)</source>
        <translation>登记为从备份恢复（变更日志清除 %1 条）</translation>
    </message>
    <message>
        <source>found on another server (%1): restored there, %2 changes dropped from the log</source>
        <translation>发现数据库位于另一台服务器（%1）：视为在该处恢复，变更日志清除 %2 条</translation>
    </message>
    <message>
        <source>backup %1 begun</source>
        <translation>备份 %1 开始</translation>
    </message>
    <message>
        <source>backup %1 done</source>
        <translation>备份 %1 完成</translation>
    </message>
    <message>
        <source>site %1, counter %2 sent again %3 operations the centre had lost</source>
        <translation>站点 %1 的窗口 %2 重新上传了中心丢失的 %3 条操作</translation>
    </message>
    <message>
        <source>Identity: system %1, timeline %2, epoch %3 (since %4, %5).</source>
        <translation>身份：系统标识 %1，时间线 %2，纪元 %3（自 %4 起，%5）。</translation>
    </message>
    <message>
        <source>Last backup: begun %1, done %2.</source>
        <translation>最近一次备份：%1 开始，%2 完成。</translation>
    </message>
    <message>
        <source>Last backup: none marked done; the counters keep what they sent.</source>
        <translation>最近一次备份：尚无标记完成的备份；各窗口保留已上传的记录。</translation>
    </message>
    <message>
        <source>A backup begun %1 is not yet marked done.</source>
        <translation>%1 开始的备份尚未标记完成。</translation>
    </message>
    <message>
        <source>--keep-days must be a number of days from 1 to 3650, not %1.</source>
        <translation>--keep-days 应为 1 到 3650 之间的天数，而不是 %1。</translation>
    </message>
    <message>
        <source>Kept for a restore of the centre: %1 (oldest %2)</source>
        <translation>为中心恢复而保留：%1 条（最早 %2）</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>PgBouncer&apos;s login %1 is set up in %2: it may look up the password of a login that may connect to this database, and do nothing else.</source>
        <translation>已在 %2 中设置 PgBouncer 的登录 %1：它只能查询可连接此数据库的登录的密码，不能做其他任何事。</translation>
    </message>
    <message>
        <source>Its password is shown only this once; put this line in PgBouncer&apos;s auth_file:</source>
        <translation>其密码只显示这一次；请把下面这一行写入 PgBouncer 的 auth_file：</translation>
    </message>
    <message>
        <source>The login has a new password that is now nowhere: run this again.</source>
        <translation>该登录已换了新密码，但新密码没有保存在任何地方：请重新运行此命令。</translation>
    </message>
    <message>
        <source>Its password is in %1 (PgBouncer&apos;s auth_file), and nowhere else.</source>
        <translation>其密码只保存在 %1（PgBouncer 的 auth_file）中，别处没有。</translation>
    </message>
    <message>
        <source>In pgbouncer.ini:</source>
        <translation>在 pgbouncer.ini 中：</translation>
    </message>
    <message>
        <source>The centre, %1: %2</source>
        <translation>中心，%1：%2</translation>
    </message>
    <message>
        <source>The backup done %1 is held back: the counters keep what it holds until every standby has it. Waiting for:</source>
        <translation>%1 完成的备份暂不通知各窗口：在每个备库都收到之前，各窗口保留其中的记录。正在等待：</translation>
    </message>
    <message>
        <source>standby %1 (replication slot): never connected</source>
        <translation>备库 %1（复制槽）：从未连接</translation>
    </message>
    <message>
        <source>standby %1 (replication slot): connected, %2 bytes of WAL behind the mark</source>
        <translation>备库 %1（复制槽）：已连接，WAL 落后备份标记 %2 字节</translation>
    </message>
    <message>
        <source>standby %1 (replication slot): not connected, %2 bytes of WAL behind the mark</source>
        <translation>备库 %1（复制槽）：未连接，WAL 落后备份标记 %2 字节</translation>
    </message>
    <message>
        <source>A standby that is gone for good: drop its slot (SELECT pg_drop_replication_slot(&apos;NAME&apos;)).</source>
        <translation>已永久停用的备库：请删除其复制槽（SELECT pg_drop_replication_slot(&apos;名称&apos;)）。</translation>
    </message>
    <message numerus="yes">
        <source>%n standby(s) stream without a replication slot: the centre cannot tell what they have and does not wait for them before the counters forget a backup&apos;s operations.</source>
        <translation>
            <numerusform>%n 个备库未使用复制槽进行流复制：中心无法得知其已收到的内容，各窗口删除已备份的记录前不会等待它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Case %1: %2 page(s) and its electronic file written to %3.</source>
        <translation>办件 %1：%2 个页面及其电子档案已写入 %3。</translation>
    </message>
    <message>
        <source>No case has the number %1.</source>
        <translation>没有编号为 %1 的办件。</translation>
    </message>
    <message>
        <source>--colour takes colour, grey or bw, not %1.</source>
        <translation>--colour 应为 colour、grey 或 bw，而不是 %1。</translation>
    </message>
    <message>
        <source>--quality takes a number from 1 to 100, not %1.</source>
        <translation>--quality 应为 1 至 100 的数字，而不是 %1。</translation>
    </message>
    <message>
        <source>--dpi takes a number from 72 to 600, not %1.</source>
        <translation>--dpi 应为 72 至 600 的数字，而不是 %1。</translation>
    </message>
    <message>
        <source>--before takes a page position, not %1.</source>
        <translation>--before 应为页码位置，而不是 %1。</translation>
    </message>
    <message>
        <source>Removed %1 unnamed page file(s), %2 abandoned draft page(s), %3 unused page record(s).</source>
        <translation>已清除 %1 个无记录的页面文件、%2 个废弃的受理中页面、%3 条不再使用的页面记录。</translation>
    </message>
    <message>
        <source>--page-kbps must be KB a second from 0 (no cap) to 10000000, not %1.</source>
        <translation>--page-kbps 应为每秒 KB 数，0（不限）至 10000000，而不是 %1。</translation>
    </message>
    <message>
        <source>Pages sent: %1 (%2 KB); page lists of %3 cases.</source>
        <translation>已上传页面：%1 个（%2 KB）；%3 个办件的页面清单。</translation>
    </message>
    <message>
        <source>Pages waiting for the centre: %1 (%2 KB, oldest %3)</source>
        <translation>待上传中心的页面：%1 个（%2 KB，最早 %3）</translation>
    </message>
</context>
<context>
    <name>ow::ui::AdminController</name>
    <message>
        <source>The user was not added.</source>
        <translation>未添加该用户。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>%1 (%2) added as %3.</source>
        <translation>已添加%1（%2），角色：%3。</translation>
    </message>
    <message>
        <source>%1 may sign in again.</source>
        <translation>%1 可以重新登录。</translation>
    </message>
    <message>
        <source>%1 is disabled and can no longer sign in.</source>
        <translation>%1 已停用，不能再登录。</translation>
    </message>
    <message>
        <source>%1 is unlocked.</source>
        <translation>%1 已解锁。</translation>
    </message>
    <message>
        <source>The password of %1 is set.</source>
        <translation>%1 的密码已设置。</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 现为%2。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有改动。</translation>
    </message>
    <message>
        <source>Saved: documents print the new wording from now on.</source>
        <translation>已保存：此后打印的文书使用新的内容。</translation>
    </message>
</context>
<context>
    <name>ow::ui::AdminPage</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Centre&apos;s wording on documents</source>
        <translation>文书上的中心信息</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Disa&amp;ble</source>
        <translation>停用(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>The user chosen</source>
        <translation>所选用户</translation>
    </message>
    <message>
        <source>Set the password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>New &amp;password</source>
        <translation>新密码(&amp;P)</translation>
    </message>
    <message>
        <source>Chan&amp;ge the role</source>
        <translation>更改角色(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <source>A new user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <source>Log&amp;in</source>
        <translation>登录名(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>R&amp;ole</source>
        <translation>角色(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Site code</source>
        <translation>站点代码(&amp;S)</translation>
    </message>
    <message>
        <source>Win&amp;dow</source>
        <translation>窗口(&amp;D)</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>密码(&amp;W)</translation>
    </message>
    <message>
        <source>R&amp;epeat the password</source>
        <translation>再次输入密码(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Add the user</source>
        <translation>添加用户(&amp;A)</translation>
    </message>
    <message>
        <source>Every receipt and notice prints the centre&apos;s name, address and phones below. Until they are saved they are an example centre&apos;s: set this centre&apos;s own now.</source>
        <translation>每份受理回执和告知书都印有下列中心名称、地址和电话。保存之前它们是示例中心的内容：请现在填写本中心自己的信息。</translation>
    </message>
    <message>
        <source>&amp;Save the wording</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked until unlocked</source>
        <translation>已锁定，需解锁</translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation>启用(&amp;B)</translation>
    </message>
</context>
<context>
    <name>ow::ui::ApplicantEntryView</name>
    <message>
        <source>An agent applies for them</source>
        <translation>代理人代为申请</translation>
    </message>
    <message>
        <source>ID number or credit code — read the card or type, then Enter</source>
        <translation>身份证号或统一社会信用代码——刷卡或输入后回车</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系人电话</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Agent&apos;s name</source>
        <translation>代理人姓名</translation>
    </message>
    <message>
        <source>Agent&apos;s ID number</source>
        <translation>代理人身份证号</translation>
    </message>
    <message>
        <source>Agent&apos;s phone</source>
        <translation>代理人电话</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Legal person, credit code %1</source>
        <translation>法人，统一社会信用代码 %1</translation>
    </message>
    <message>
        <source>Natural person, ID %1</source>
        <translation>自然人，身份证号 %1</translation>
    </message>
    <message>
        <source>, born %1</source>
        <translation>，出生日期 %1</translation>
    </message>
    <message>
        <source>, male</source>
        <translation>，男</translation>
    </message>
    <message>
        <source>, female</source>
        <translation>，女</translation>
    </message>
    <message>
        <source>Known applicant. %1. Check the details, then Enter.</source>
        <translation>已登记的申请人。%1。请核对信息后回车。</translation>
    </message>
    <message>
        <source>New applicant. %1. Type the details, then Enter.</source>
        <translation>新申请人。%1。请填写信息后回车。</translation>
    </message>
    <message>
        <source>Read the applicant&apos;s ID card, or type the ID number or credit code.</source>
        <translation>请刷申请人身份证，或输入身份证号、统一社会信用代码。</translation>
    </message>
</context>
<context>
    <name>ow::ui::ApplicantPanel</name>
    <message>
        <source>The credit warning was told to the applicant</source>
        <translation>已向申请人告知信用提示</translation>
    </message>
    <message>
        <source>Earlier cases</source>
        <translation>历史办件</translation>
    </message>
    <message>
        <source>Materials on file</source>
        <translation>可复用材料</translation>
    </message>
    <message>
        <source>Reason for the override</source>
        <translation>放行理由</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(not accepted)</source>
        <translation>（未受理）</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Earlier cases (%1)</source>
        <translation>历史办件（%1）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source> (valid until %1)</source>
        <translation>（有效期至 %1）</translation>
    </message>
    <message>
        <source>Materials on file (%1)</source>
        <translation>可复用材料（%1）</translation>
    </message>
    <message>
        <source>No applicant yet.</source>
        <translation>尚未确定申请人。</translation>
    </message>
    <message>
        <source>Supervisor&apos;s login</source>
        <translation>负责人账号</translation>
    </message>
    <message>
        <source>Supervisor&apos;s password</source>
        <translation>负责人密码</translation>
    </message>
</context>
<context>
    <name>ow::ui::CallbackPage</name>
    <message>
        <source>Show done ones too</source>
        <translation>同时显示已完成的</translation>
    </message>
    <message>
        <source>Rate the visit… (F12)</source>
        <translation>评价本次办事…（F12）</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>The result of the call (required)</source>
        <translation>回访结果（必填）</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>A call-back by hand</source>
        <translation>手工添加回访</translation>
    </message>
    <message>
        <source>Case number (optional)</source>
        <translation>办件编号（可选）</translation>
    </message>
    <message>
        <source>Why call back</source>
        <translation>回访原因</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Choose a call-back in the list first.</source>
        <translation>请先在列表中选择一个回访任务。</translation>
    </message>
    <message>
        <source>Call-back done: %1</source>
        <translation>回访已完成：%1</translation>
    </message>
    <message>
        <source>Call-back added, due %1.</source>
        <translation>已添加回访任务，到期日 %1。</translation>
    </message>
</context>
<context>
    <name>ow::ui::CaseActionDialog</name>
    <message>
        <source>Forward case %1</source>
        <translation>转交办件 %1</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>转交</translation>
    </message>
    <message>
        <source>The department that decides, e.g. 市住建局审批科</source>
        <translation>负责审批的部门，例如 市住建局审批科</translation>
    </message>
    <message>
        <source>Approve case %1</source>
        <translation>批准办件 %1</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Refuse case %1</source>
        <translation>不予批准办件 %1</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <source>Withdraw case %1</source>
        <translation>撤回办件 %1</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>e.g. the applicant&apos;s written request</source>
        <translation>例如：申请人书面申请撤回</translation>
    </message>
    <message>
        <source>Pause the clock of case %1 for a correction</source>
        <translation>办件 %1 因补正暂停计时</translation>
    </message>
    <message>
        <source>Pause the clock of case %1 for a special procedure</source>
        <translation>办件 %1 因特别程序暂停计时</translation>
    </message>
    <message>
        <source>Pause the clock</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <source>What is awaited</source>
        <translation>等待补正的内容</translation>
    </message>
    <message>
        <source>The procedure, e.g. 专家评审</source>
        <translation>特别程序，例如 专家评审</translation>
    </message>
    <message>
        <source>Hand over the result of case %1</source>
        <translation>交付办件 %1 的办理结果</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>交付</translation>
    </message>
    <message>
        <source>The collector&apos;s resident ID number</source>
        <translation>领取人的居民身份证号码</translation>
    </message>
    <message>
        <source>A person the applicant &amp;authorised, with their own ID (the letter of authorisation is kept)</source>
        <translation>申请人委托的领取人，凭本人身份证领取（留存授权委托书）(&amp;A)</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>办件 %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>&amp;Department</source>
        <translation>部门(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>理由(&amp;R)</translation>
    </message>
    <message>
        <source>Collector&apos;s &amp;name</source>
        <translation>领取人姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;ID number</source>
        <translation>身份证号(&amp;I)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Put the result of case %1 in the locker</source>
        <translation>办件 %1 办理结果投柜</translation>
    </message>
    <message>
        <source>Put in the locker</source>
        <translation>投入智能柜</translation>
    </message>
    <message>
        <source>As the locker shows it, e.g. A-12</source>
        <translation>按智能柜显示填写，例如 A-12</translation>
    </message>
    <message>
        <source>The code the locker gave, sent to the applicant</source>
        <translation>智能柜生成并发送给申请人的取件码</translation>
    </message>
    <message>
        <source>The implementing departments of the case&apos;s items</source>
        <translation>本办件所含事项的实施部门</translation>
    </message>
    <message>
        <source>&amp;Compartment</source>
        <translation>格口(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Pick-up code</source>
        <translation>取件码(&amp;P)</translation>
    </message>
</context>
<context>
    <name>ow::ui::CaseDetailView</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原状态</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Original or copy</source>
        <translation>原件/副本</translation>
    </message>
    <message>
        <source>Printer or file</source>
        <translation>打印机或文件</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>校验码</translation>
    </message>
    <message>
        <source>Reprint as a copy (Ctrl+R)</source>
        <translation>补打副本（Ctrl+R）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Status history&lt;/b&gt;</source>
        <translation>&lt;b&gt;办理过程&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Documents printed&lt;/b&gt;</source>
        <translation>&lt;b&gt;已打印文书&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Choose a case to see its history and its documents.</source>
        <translation>选择一件办件，查看其办理过程和已打印的文书。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>Promised by %1 (%n working day(s))</source>
        <translation>
            <numerusform>承诺 %1 前办结（%n 个工作日）</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>副本 %1</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原件</translation>
    </message>
    <message>
        <source>File %1</source>
        <translation>文件 %1</translation>
    </message>
    <message>
        <source>Forward the case to the department that decides it.</source>
        <translation>将办件转交负责审批的部门。</translation>
    </message>
    <message>
        <source>Record the result: approved.</source>
        <translation>登记办理结果：批准。</translation>
    </message>
    <message>
        <source>Record the result: refused, with the reason.</source>
        <translation>登记办理结果：不予批准，并说明理由。</translation>
    </message>
    <message>
        <source>Complete the case (办结).</source>
        <translation>办结该办件。</translation>
    </message>
    <message>
        <source>Tell the applicant the result waits at the window.</source>
        <translation>告知申请人到窗口领取办理结果。</translation>
    </message>
    <message>
        <source>Hand the result over: the collector&apos;s ID is checked.</source>
        <translation>交付办理结果：核验领取人身份证。</translation>
    </message>
    <message>
        <source>Withdraw the case at the applicant&apos;s request, with the reason.</source>
        <translation>应申请人要求撤回办件，并说明理由。</translation>
    </message>
    <message>
        <source>Stop the legal clock while a correction is awaited.</source>
        <translation>等待补正期间暂停法定时限计时。</translation>
    </message>
    <message>
        <source>Stop the legal clock for a special procedure (a hearing, an expert review, a test).</source>
        <translation>因特别程序（听证、专家评审、检验检测等）暂停法定时限计时。</translation>
    </message>
    <message>
        <source>Let the legal clock run again.</source>
        <translation>恢复法定时限计时。</translation>
    </message>
    <message>
        <source>The result goes by EMS: record the waybill and the delivery in the mailing ledger.</source>
        <translation>办理结果通过EMS寄递：在邮寄台账中登记运单号和送达情况。</translation>
    </message>
    <message>
        <source>&amp;Forward to a department…</source>
        <translation>转交部门(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>批准(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Refuse…</source>
        <translation>不予批准(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation>办结(&amp;C)</translation>
    </message>
    <message>
        <source>Await &amp;pick-up</source>
        <translation>待领取(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Hand over…</source>
        <translation>交付领取(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>撤回(&amp;W)…</translation>
    </message>
    <message>
        <source>Pause for c&amp;orrection…</source>
        <translation>补正暂停计时(&amp;O)…</translation>
    </message>
    <message>
        <source>Pause for a &amp;special procedure…</source>
        <translation>特别程序暂停计时(&amp;S)…</translation>
    </message>
    <message>
        <source>R&amp;esume the clock</source>
        <translation>恢复计时(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Mailing ledger</source>
        <translation>邮寄台账(&amp;M)</translation>
    </message>
    <message>
        <source>The applicant brought what the one-time notice asked for: take the correction up again in the intake at the workbench.</source>
        <translation>申请人已按一次性告知书补齐材料：到工作台受理页继续办理该补正。</translation>
    </message>
    <message>
        <source>Put the result in the self-service locker: record the compartment and the pick-up code.</source>
        <translation>将办理结果投入自助智能柜，并登记格口和取件码。</translation>
    </message>
    <message>
        <source>The applicant collected the result from the locker.</source>
        <translation>申请人已从智能柜取走办理结果。</translation>
    </message>
    <message>
        <source>Accept the correc&amp;tion at the workbench</source>
        <translation>到工作台受理补正(&amp;T)</translation>
    </message>
    <message>
        <source>Put in the &amp;locker…</source>
        <translation>投入智能柜(&amp;L)…</translation>
    </message>
    <message>
        <source>Collected from the loc&amp;ker</source>
        <translation>智能柜已取件(&amp;K)</translation>
    </message>
    <message>
        <source>Locker %1, compartment %2, pick-up code %3: put in on %4 by %5.</source>
        <translation>智能柜 %1，格口 %2，取件码 %3：%4 由 %5 投柜。</translation>
    </message>
    <message>
        <source>Collected on %1.</source>
        <translation>%1 已取件。</translation>
    </message>
</context>
<context>
    <name>ow::ui::CaseListModel</name>
    <message numerus="yes">
        <source>%n working day(s) overdue</source>
        <translation>
            <numerusform>超期 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>剩余 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺日期</translation>
    </message>
    <message>
        <source>Legal clock</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>受理人</translation>
    </message>
</context>
<context>
    <name>ow::ui::CasesController</name>
    <message>
        <source>The first %1 cases; narrow the search to see the rest.</source>
        <translation>仅显示前 %1 件；请缩小查询范围查看其余办件。</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>共 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation>没有可执行的操作。</translation>
    </message>
    <message>
        <source>Case %1 forwarded to %2.</source>
        <translation>办件 %1 已转交 %2。</translation>
    </message>
    <message>
        <source>Case %1 approved.</source>
        <translation>办件 %1 已批准。</translation>
    </message>
    <message>
        <source>Case %1 refused: %2</source>
        <translation>办件 %1 不予批准：%2</translation>
    </message>
    <message>
        <source>Case %1 completed.</source>
        <translation>办件 %1 已办结。</translation>
    </message>
    <message>
        <source>The result of case %1 awaits pick-up at the window.</source>
        <translation>办件 %1 的办理结果待窗口领取。</translation>
    </message>
    <message>
        <source>The result of case %1 was handed to %2.</source>
        <translation>办件 %1 的办理结果已交付 %2。</translation>
    </message>
    <message>
        <source>Case %1 withdrawn: %2</source>
        <translation>办件 %1 已撤回：%2</translation>
    </message>
    <message>
        <source>The legal clock of case %1 stands still from today.</source>
        <translation>办件 %1 的法定时限自今日起暂停计时。</translation>
    </message>
    <message>
        <source>The legal clock of case %1 runs again.</source>
        <translation>办件 %1 的法定时限恢复计时。</translation>
    </message>
    <message>
        <source>Case %1 is mailed through the mailing ledger.</source>
        <translation>办件 %1 通过邮寄台账寄递。</translation>
    </message>
    <message>
        <source>The result of case %1 is in the locker, compartment %2, pick-up code %3.</source>
        <translation>办件 %1 的办理结果已投入智能柜，格口 %2，取件码 %3。</translation>
    </message>
    <message>
        <source>The result of case %1 was collected from the locker.</source>
        <translation>办件 %1 的办理结果已从智能柜取走。</translation>
    </message>
    <message>
        <source>The correction %1 is taken up in the intake at the workbench.</source>
        <translation>补正 %1 在工作台受理页继续办理。</translation>
    </message>
</context>
<context>
    <name>ow::ui::CasesPage</name>
    <message>
        <source>Today</source>
        <translation>今日办件</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的办件</translation>
    </message>
    <message>
        <source>Awaiting correction</source>
        <translation>待补正</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Awaiting pick-up</source>
        <translation>待领取</translation>
    </message>
    <message>
        <source>Mailed</source>
        <translation>已寄递</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部办件</translation>
    </message>
    <message>
        <source>Case or notice number, ID number or credit code, or the applicant&apos;s name</source>
        <translation>办件编号或通知书编号、证件号码或统一社会信用代码、申请人姓名</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Due soon within </source>
        <translation>到期提醒：</translation>
    </message>
    <message>
        <source> working day(s)</source>
        <translation> 个工作日内</translation>
    </message>
    <message>
        <source>Cases in progress this close to their promised date are yellow; past it, red.</source>
        <translation>办理中的办件距承诺日期在此天数内标黄，超过承诺日期标红。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>ow::ui::CatalogueSearchController</name>
    <message numerus="yes">
        <source>%n item(s) in the catalogue</source>
        <translation>
            <numerusform>目录共%n个事项</numerusform>
        </translation>
    </message>
    <message>
        <source>No match with these filters</source>
        <translation>当前筛选条件下没有匹配的事项</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>没有匹配的事项</translation>
    </message>
    <message numerus="yes">
        <source>First %n matches</source>
        <translation>
            <numerusform>前%n个匹配结果</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n个匹配结果</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
</context>
<context>
    <name>ow::ui::CatalogueSearchView</name>
    <message>
        <source>Item name, code or pinyin initials…</source>
        <translation>事项名称、编码或拼音首字母…</translation>
    </message>
    <message>
        <source>Any level</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <source>Any handling</source>
        <translation>全部办件类型</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>Any department</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>Universal</source>
        <translation>无差别受理</translation>
    </message>
    <message>
        <source>Only items any window at any site may accept</source>
        <translation>只显示任一网点的任一窗口均可受理的事项</translation>
    </message>
</context>
<context>
    <name>ow::ui::ChecklistModel</name>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Not needed</source>
        <translation>不需要</translation>
    </message>
    <message>
        <source>Received, short</source>
        <translation>已收，不足</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Received / source / reason</source>
        <translation>收取情况 / 来源 / 原因</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Depends on %1</source>
        <translation>取决于%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>ow::ui::ChecklistView</name>
    <message>
        <source>What is wrong with it? Enter to record, Esc to cancel</source>
        <translation>材料有什么问题？回车记录，Esc 取消</translation>
    </message>
    <message>
        <source>Choose an item to see its checklist.</source>
        <translation>选择事项后显示材料清单。</translation>
    </message>
    <message>
        <source>Complete: every required material is there.</source>
        <translation>材料齐全：所需材料均已收取。</translation>
    </message>
    <message numerus="yes">
        <source>Not complete: %n material(s) outstanding.</source>
        <translation>
            <numerusform>材料不全：尚有 %n 项材料未齐。</numerusform>
        </translation>
    </message>
    <message>
        <source>Defect of %1:</source>
        <translation>%1 的问题：</translation>
    </message>
    <message>
        <source>Space received · A all the rest received · O original · C copy · B both · 1-9 copies · R reused · M missing · D defective · Del back · Ctrl+Z undo</source>
        <translation>空格 已收 · A 其余全部已收 · O 原件 · C 复印件 · B 原件+复印件 · 1-9 份数 · R 复用 · M 缺少 · D 有误 · Del 退回 · Ctrl+Z 撤销</translation>
    </message>
</context>
<context>
    <name>ow::ui::ConsultationPage</name>
    <message>
        <source>One-time notice handed out</source>
        <translation>已发放一次性告知单</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>窗口咨询</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>电话咨询</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Item codes, separated by commas</source>
        <translation>事项编码，用逗号分隔</translation>
    </message>
    <message>
        <source>&amp;Channel</source>
        <translation>咨询方式(&amp;C)</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>咨询人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation>咨询内容(&amp;T)</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Log (Ctrl+Enter)</source>
        <translation>登记（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Search the day&apos;s consultations</source>
        <translation>搜索当天的咨询</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>咨询内容</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>告知单</translation>
    </message>
    <message>
        <source>Consultation logged: %1</source>
        <translation>咨询已登记：%1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ow::ui::DeliveryView</name>
    <message>
        <source>Result by</source>
        <translation>取件方式</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Recipient&apos;s phone</source>
        <translation>收件人电话</translation>
    </message>
    <message>
        <source>Mailing address</source>
        <translation>邮寄地址</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>Locker</source>
        <translation>智能柜</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Edited by hand: kept when the applicant is corrected.</source>
        <translation>已手工修改，更正申请人信息时保留。</translation>
    </message>
</context>
<context>
    <name>ow::ui::DocumentPreviewDialog</name>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>打印（Ctrl+P）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>Print preview: %1</source>
        <translation>打印预览：%1</translation>
    </message>
    <message>
        <source>Copy %1: printed before, every page is marked as a copy.</source>
        <translation>副本 %1：此文书已打印过，每页均标注“副本”。</translation>
    </message>
    <message>
        <source>Printer... (Ctrl+Shift+P)</source>
        <translation>选择打印机…（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <source>Export PDF...</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Prints to the file %1</source>
        <translation>打印到文件 %1</translation>
    </message>
    <message>
        <source>Printer for labels: %1</source>
        <translation>面单打印机：%1</translation>
    </message>
    <message>
        <source>Printer for A4: %1</source>
        <translation>A4 打印机：%1</translation>
    </message>
    <message>
        <source>No printer chosen for this paper yet: Ctrl+P asks which.</source>
        <translation>尚未为此纸张选择打印机：按 Ctrl+P 时选择。</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>打印%1</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ow::ui::FirstAdministratorDialog</name>
    <message>
        <source>Create and sign in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <source>OneWindow: first start</source>
        <translation>一窗通：首次启动</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>e.g. 320581001: every case number starts with it</source>
        <translation>例如 320581001：每个办件编号都以它开头</translation>
    </message>
    <message>
        <source>The code of this service centre. Without it the workbench cannot accept cases; a clerk&apos;s own account may name another site.</source>
        <translation>本服务中心的编码。没有它，工作台无法受理办件；受理员自己的账号可以指定其他站点。</translation>
    </message>
    <message>
        <source>e.g. 1</source>
        <translation>例如 1</translation>
    </message>
    <message>
        <source>This counter has no user yet. Create its administrator: they add the clerks and supervisors afterwards. The site and window say where this counter stands.</source>
        <translation>本窗口还没有用户。请创建管理员：之后由管理员添加受理员和审核员。站点和窗口说明本窗口所在的位置。</translation>
    </message>
    <message>
        <source>Site code</source>
        <translation>站点编码</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Site code: it holds no spaces.</source>
        <translation>站点编码：不能含有空格。</translation>
    </message>
</context>
<context>
    <name>ow::ui::FormView</name>
    <message>
        <source>The form of the chosen items appears here.</source>
        <translation>选择事项后在此填写申请表。</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>（未填）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6位数字</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Does not apply to this applicant.</source>
        <translation>不适用于此申请人。</translation>
    </message>
    <message>
        <source>%1: edited by hand, kept when the applicant is corrected.</source>
        <translation>%1：已手工修改，更正申请人信息时保留。</translation>
    </message>
</context>
<context>
    <name>ow::ui::IntakeController</name>
    <message>
        <source>Added: %1 (%2)</source>
        <translation>已加入：%1（%2）</translation>
    </message>
    <message>
        <source>Read the ID card or type the ID number or credit code.</source>
        <translation>请刷身份证，或输入身份证号、统一社会信用代码。</translation>
    </message>
    <message>
        <source>%1 is neither a resident ID number (18 characters) nor a unified social credit code (18 characters).</source>
        <translation>%1 既不是居民身份证号（18位），也不是统一社会信用代码（18位）。</translation>
    </message>
    <message>
        <source>Applicant: %1</source>
        <translation>申请人：%1</translation>
    </message>
    <message>
        <source>The agent&apos;s ID number is missing.</source>
        <translation>缺少代理人身份证号。</translation>
    </message>
    <message>
        <source>Correct the applicant&apos;s details marked in red.</source>
        <translation>请改正标红的申请人信息。</translation>
    </message>
    <message>
        <source>Applicant confirmed: %1. Search for the items (F3).</source>
        <translation>已确认申请人：%1。请检索办理事项（F3）。</translation>
    </message>
    <message>
        <source>This intake is decided. Ctrl+N starts the next applicant.</source>
        <translation>本次受理已作出决定。按 Ctrl+N 接待下一位。</translation>
    </message>
    <message>
        <source>%1. %2 (%3) · %4</source>
        <translation>%1. %2（%3）· %4</translation>
    </message>
    <message>
        <source> · joint item %1</source>
        <translation> · 联办事项 %1</translation>
    </message>
    <message>
        <source>No item yet: search on the left, Enter adds.</source>
        <translation>尚未选择事项：在左侧检索，回车加入。</translation>
    </message>
    <message>
        <source>%1 (%2) — %3</source>
        <translation>%1（%2）— %3</translation>
    </message>
    <message>
        <source>Accepted and completed on the spot: case &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>已受理并当场办结：办件编号 &lt;b&gt;%1&lt;/b&gt;。</translation>
    </message>
    <message numerus="yes">
        <source>Accepted: case &lt;b&gt;%1&lt;/b&gt;, promised by &lt;b&gt;%2&lt;/b&gt; (%n working day(s)).</source>
        <translation>
            <numerusform>已受理：办件编号 &lt;b&gt;%1&lt;/b&gt;，承诺 &lt;b&gt;%2&lt;/b&gt; 前办结（%n 个工作日）。</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Provisional&lt;/b&gt;: the holiday calendar of that year is not published yet.</source>
        <translation>&lt;b&gt;暂定&lt;/b&gt;：该年度节假日安排尚未公布。</translation>
    </message>
    <message numerus="yes">
        <source>Corrections asked: one-time notice &lt;b&gt;%1&lt;/b&gt;, %n material(s) to bring.</source>
        <translation>
            <numerusform>已要求补正：一次性告知书 &lt;b&gt;%1&lt;/b&gt;，需补正 %n 项材料。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not accepted: notice &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>不予受理：通知书 &lt;b&gt;%1&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>Visit %1 of this matter.</source>
        <translation>本事项第%1次来访。</translation>
    </message>
    <message>
        <source>Decision recorded. Read the next ID card, or Ctrl+N.</source>
        <translation>已记录办理结果。请刷下一位的身份证，或按 Ctrl+N。</translation>
    </message>
    <message>
        <source>Decision recorded: %1</source>
        <translation>已记录办理结果：%1</translation>
    </message>
    <message>
        <source>None for these items.</source>
        <translation>这些事项没有关联事项。</translation>
    </message>
    <message>
        <source>An intake is in progress: decide it or start the next applicant (Ctrl+N), then take up the correction %1.</source>
        <translation>当前有正在办理的受理：请先作出决定或开始接待下一位申请人（Ctrl+N），再办理补正 %1。</translation>
    </message>
    <message>
        <source>No material is left to check.</source>
        <translation>没有待核的材料了。</translation>
    </message>
    <message numerus="yes">
        <source>%n material(s) marked received as asked (Ctrl+Z undoes).</source>
        <translation>
            <numerusform>已将%n项材料按要求标为已收（Ctrl+Z 撤销）。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is missing.</source>
        <translation>缺少%1。</translation>
    </message>
    <message>
        <source>Missing: %1. Type them, or Ctrl+Enter to go on without them.</source>
        <translation>尚缺：%1。请填写，或按 Ctrl+Enter 不填继续。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Applicant confirmed without %1: %2. Search for the items (F3).</source>
        <translation>申请人已确认（未填%1）：%2。请查找事项（F3）。</translation>
    </message>
    <message>
        <source>This matter has an open correction (notice %1): this is a further visit, and what was brought and filled in last time is kept.</source>
        <translation>此事项有未办结的补正（告知书 %1）：本次为再次办理，上次已交的材料和已填的内容均已带入。</translation>
    </message>
    <message>
        <source>Nothing to undo on the checklist.</source>
        <translation>材料清单没有可撤销的操作。</translation>
    </message>
    <message numerus="yes">
        <source>Undone: %n material(s) as they were.</source>
        <translation>
            <numerusform>已撤销：%n项材料恢复原状。</numerusform>
        </translation>
    </message>
    <message>
        <source>Next applicant brought by %1: read their ID card.</source>
        <translation>下一位申请人，仍由%1代为申请：请读取其身份证。</translation>
    </message>
</context>
<context>
    <name>ow::ui::IntakeView</name>
    <message>
        <source>Accept (F8)</source>
        <translation>受理（F8）</translation>
    </message>
    <message>
        <source>Ask for corrections (F9)</source>
        <translation>补正告知（F9）</translation>
    </message>
    <message>
        <source>Refuse (F10)</source>
        <translation>不予受理（F10）</translation>
    </message>
    <message>
        <source>Next applicant (Ctrl+N)</source>
        <translation>下一位（Ctrl+N）</translation>
    </message>
    <message>
        <source>Applicant (F2)</source>
        <translation>申请人（F2）</translation>
    </message>
    <message>
        <source>Items (Enter in the search adds, Del removes)</source>
        <translation>办理事项（检索后回车加入，Del 移除）</translation>
    </message>
    <message>
        <source>Related items (F7, Enter adds)</source>
        <translation>关联事项（F7，回车加入）</translation>
    </message>
    <message>
        <source>Materials (F4)</source>
        <translation>材料清单（F4）</translation>
    </message>
    <message>
        <source>Application form (F6)</source>
        <translation>申请表（F6）</translation>
    </message>
    <message>
        <source>Delivery of the result</source>
        <translation>结果送达方式</translation>
    </message>
    <message>
        <source>Why the application is not accepted</source>
        <translation>不予受理的理由</translation>
    </message>
    <message>
        <source>The law, regulation and article</source>
        <translation>法律、法规名称及条款</translation>
    </message>
    <message>
        <source>When it is another body&apos;s matter: which body</source>
        <translation>不属于本机关职权范围的，写明应向哪个机关申请</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>理由 *</translation>
    </message>
    <message>
        <source>Legal basis *</source>
        <translation>法律依据 *</translation>
    </message>
    <message>
        <source>Competent body</source>
        <translation>有权机关</translation>
    </message>
    <message>
        <source>Enter on the last field records the refusal, Esc cancels.</source>
        <translation>在最后一栏回车即记录不予受理，Esc 取消。</translation>
    </message>
</context>
<context>
    <name>ow::ui::ItemDetailView</name>
    <message>
        <source>Search for an item to see its materials and conditions.</source>
        <translation>搜索事项，查看其申请材料和受理条件。</translation>
    </message>
    <message>
        <source>Joint</source>
        <translation>联办</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Item type</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>办件类型</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>跑动次数</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>办理层级</translation>
    </message>
    <message>
        <source>Universal</source>
        <translation>无差别受理</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>送达方式</translation>
    </message>
    <message>
        <source>Result issued</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Any window at any site may accept it</source>
        <translation>任一网点的任一窗口均可受理</translation>
    </message>
    <message>
        <source>Acceptance conditions</source>
        <translation>受理条件</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <source>Materials (%1)</source>
        <translation>申请材料（%1）</translation>
    </message>
    <message>
        <source>Promised %1 in all</source>
        <translation>合计承诺%1</translation>
    </message>
    <message>
        <source>%1. &lt;b&gt;%2&lt;/b&gt; (%3), %4, %5</source>
        <translation>%1. &lt;b&gt;%2&lt;/b&gt;（%3），%4，%5</translation>
    </message>
    <message>
        <source>Merged materials (%1)</source>
        <translation>合并后的申请材料（%1）</translation>
    </message>
    <message>
        <source>Member items (%1)</source>
        <translation>成员事项（%1）</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部事项</translation>
    </message>
</context>
<context>
    <name>ow::ui::KeyHelpDialog</name>
    <message>
        <source>The item search; Enter adds the item found</source>
        <translation>事项搜索；回车加入找到的事项</translation>
    </message>
    <message>
        <source>The ID entry: an ID number or credit code, Enter</source>
        <translation>证件录入：身份证号或统一社会信用代码，回车</translation>
    </message>
    <message>
        <source>The related items suggested for this matter</source>
        <translation>本次办理推荐的关联事项</translation>
    </message>
    <message>
        <source>The checklist: Space received, O / C / B original, copy or both, 1-9 + - copies, R reused, M missing, D defective, Del to check</source>
        <translation>材料清单：空格 已收，O / C / B 原件、复印件或两者，1-9 + - 份数，R 复用，M 缺少，D 有误，Del 改回待查</translation>
    </message>
    <message>
        <source>The merged form; Enter moves on like Tab</source>
        <translation>合并申请表；回车如 Tab 前进</translation>
    </message>
    <message>
        <source>The credit warning was told to the applicant</source>
        <translation>已向申请人告知信用提示</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Ask for corrections (one-time notice)</source>
        <translation>补正（一次性告知）</translation>
    </message>
    <message>
        <source>Refuse, with reason, legal basis and competent body</source>
        <translation>不予受理：理由、法律依据和有权机关</translation>
    </message>
    <message>
        <source>The next applicant</source>
        <translation>下一位申请人</translation>
    </message>
    <message>
        <source>In the print preview: print</source>
        <translation>打印预览中：打印</translation>
    </message>
    <message>
        <source>Search cases by number, ID number or name</source>
        <translation>按办件编号、证件号码或姓名查找办件</translation>
    </message>
    <message>
        <source>Choose a case in the list</source>
        <translation>在列表中选择办件</translation>
    </message>
    <message>
        <source>Reprint the chosen document as a copy</source>
        <translation>补打所选文书的副本</translation>
    </message>
    <message>
        <source>On a document: reprint it as a copy</source>
        <translation>在文书上：补打副本</translation>
    </message>
    <message>
        <source>Record the consultation</source>
        <translation>登记本次咨询</translation>
    </message>
    <message>
        <source>Keys: %1</source>
        <translation>按键：%1</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>所有页面</translation>
    </message>
</context>
<context>
    <name>ow::ui::MailingLedgerPage</name>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已联系上</translation>
    </message>
    <message>
        <source>Waybill, case number or recipient</source>
        <translation>运单号、办件编号或收件人</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Sent from</source>
        <translation>寄出日期从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Print to PDF…</source>
        <translation>打印为 PDF…</translation>
    </message>
    <message>
        <source>Record the waybill of a completed EMS case</source>
        <translation>登记已办结 EMS 办件的运单号</translation>
    </message>
    <message>
        <source>Scan or type the waybill number</source>
        <translation>扫描或输入运单号</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Print the slip…</source>
        <translation>打印邮寄单…</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>The mailing chosen above</source>
        <translation>上面选中的邮件</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Why it came back</source>
        <translation>退回原因</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>On</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What the follow-up call found</source>
        <translation>回访情况</translation>
    </message>
    <message>
        <source>Log follow-up</source>
        <translation>登记回访</translation>
    </message>
    <message>
        <source>Follow-up call</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>寄出日期</translation>
    </message>
    <message>
        <source>Delivered / returned on</source>
        <translation>送达／退回日期</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s); last: %1</source>
        <translation>
            <numerusform>回访 %n 次；最近：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Case %1 mailed with waybill %2.</source>
        <translation>办件 %1 已寄出，运单号 %2。</translation>
    </message>
    <message>
        <source>Choose a mailing in the ledger first.</source>
        <translation>请先在台账中选择一件邮件。</translation>
    </message>
    <message>
        <source>The mailing of case %1 was delivered.</source>
        <translation>办件 %1 的邮件已送达。</translation>
    </message>
    <message>
        <source>The mailing of case %1 came back: a call-back task is due.</source>
        <translation>办件 %1 的邮件被退回：已生成回访任务。</translation>
    </message>
    <message>
        <source>Follow-up call of case %1 logged.</source>
        <translation>已登记办件 %1 的回访。</translation>
    </message>
    <message numerus="yes">
        <source>%n mailing(s) exported to %1.</source>
        <translation>
            <numerusform>已导出 %n 件邮件到 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mailing(s) printed to %1.</source>
        <translation>
            <numerusform>已打印 %n 件邮件到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Print the ledger</source>
        <translation>打印台账</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ow::ui::MainWindow</name>
    <message>
        <source>OneWindow</source>
        <translation>一窗通</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Site: not set</source>
        <translation>网点：未设置</translation>
    </message>
    <message>
        <source>Window: not set</source>
        <translation>窗口：未设置</translation>
    </message>
    <message>
        <source>Clerk: not signed in</source>
        <translation>受理人：未登录</translation>
    </message>
    <message>
        <source>Local store</source>
        <translation>本地数据库</translation>
    </message>
    <message>
        <source>Chosen: %1 (%2)</source>
        <translation>已选择：%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n个事项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n joint</source>
        <translation>
            <numerusform>，%n个联办事项</numerusform>
        </translation>
    </message>
    <message>
        <source>Site: %1</source>
        <translation>网点：%1</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>窗口：%1</translation>
    </message>
    <message>
        <source>Clerk: %1</source>
        <translation>受理人：%1</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>办件</translation>
    </message>
    <message numerus="yes">
        <source>Overdue: %n</source>
        <translation>
            <numerusform>已超期 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Due soon: %n</source>
        <translation>
            <numerusform>即将到期 %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>稽查</translation>
    </message>
    <message>
        <source>Mailing ledger</source>
        <translation>邮寄台账</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>咨询登记</translation>
    </message>
    <message>
        <source>Call-backs</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>These keys</source>
        <translation>本按键说明</translation>
    </message>
    <message>
        <source>The applicant rates this visit</source>
        <translation>申请人评价本次服务</translation>
    </message>
    <message>
        <source>Lock the screen</source>
        <translation>锁定屏幕</translation>
    </message>
</context>
<context>
    <name>ow::ui::MaterialTableModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Required?</source>
        <translation>是否必交</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>For items</source>
        <translation>所属事项</translation>
    </message>
</context>
<context>
    <name>ow::ui::RatingDialog</name>
    <message>
        <source>Rate the visit</source>
        <translation>好差评</translation>
    </message>
    <message>
        <source>Case number (empty: a visit without a case)</source>
        <translation>办件编号（不填：未办件的来访）</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Required for 2 (dissatisfied) and 1</source>
        <translation>评价为 2（不满意）及以下时必填</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Record the rating</source>
        <translation>记录评价</translation>
    </message>
</context>
<context>
    <name>ow::ui::SamplingController</name>
    <message>
        <source>%1 of %2 cases drawn (seed %3).</source>
        <translation>从 %2 件中抽取了 %1 件（种子 %3）。</translation>
    </message>
    <message>
        <source>Choose a sampled case in the table first.</source>
        <translation>请先在表中选择一件抽查办件。</translation>
    </message>
    <message>
        <source>Finding recorded for %1.</source>
        <translation>已登记 %1 的问题。</translation>
    </message>
    <message>
        <source>Case %1 closed.</source>
        <translation>办件 %1 已销号。</translation>
    </message>
</context>
<context>
    <name>ow::ui::SamplingPage</name>
    <message>
        <source>Draw</source>
        <translation>抽取</translation>
    </message>
    <message>
        <source>Record the finding</source>
        <translation>登记问题</translation>
    </message>
    <message>
        <source>Close the case</source>
        <translation>销号</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Rectification required</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>Finding by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>销号人</translation>
    </message>
    <message>
        <source>Closing note</source>
        <translation>销号说明</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>What must be put right</source>
        <translation>整改要求</translation>
    </message>
    <message>
        <source>The rectification done, or that nothing was found</source>
        <translation>已完成的整改，或未发现问题</translation>
    </message>
    <message>
        <source>Cases accepted from</source>
        <translation>受理日期自</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Number of cases</source>
        <translation>抽取件数</translation>
    </message>
    <message>
        <source>Closure</source>
        <translation>销号</translation>
    </message>
    <message>
        <source>%1 to %2, seed %3</source>
        <translation>%1 至 %2，种子 %3</translation>
    </message>
</context>
<context>
    <name>ow::ui::ScreenLock</name>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>The screen is locked.</source>
        <translation>屏幕已锁定。</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2). Type the password to go on.</source>
        <translation>当前登录：%1（%2）。请输入密码继续。</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2, %3)</source>
        <translation>已登录：%1（%2，%3）</translation>
    </message>
</context>
<context>
    <name>ow::ui::SearchResultModel</name>
    <message>
        <source>Joint</source>
        <translation>联办</translation>
    </message>
</context>
<context>
    <name>ow::ui::ServiceController</name>
    <message>
        <source>This window prints no EMS slips.</source>
        <translation>本窗口不打印 EMS 邮寄单。</translation>
    </message>
    <message>
        <source>Case %1 mailed with waybill %2.</source>
        <translation>办件 %1 已寄出，运单号 %2。</translation>
    </message>
    <message>
        <source>The mailing of case %1 was delivered.</source>
        <translation>办件 %1 的邮件已送达。</translation>
    </message>
    <message>
        <source>The mailing of case %1 came back: a call-back task is due.</source>
        <translation>办件 %1 的邮件被退回：已生成回访任务。</translation>
    </message>
    <message>
        <source>Follow-up call of case %1 logged.</source>
        <translation>已登记办件 %1 的回访。</translation>
    </message>
    <message>
        <source>The ledger was exported to %1.</source>
        <translation>台账已导出到 %1。</translation>
    </message>
    <message>
        <source>The ledger was printed to %1.</source>
        <translation>台账已打印到 %1。</translation>
    </message>
    <message>
        <source>Consultation logged.</source>
        <translation>咨询已登记。</translation>
    </message>
    <message>
        <source>Call-back task added.</source>
        <translation>已添加回访任务。</translation>
    </message>
    <message>
        <source>Call-back done.</source>
        <translation>回访已完成。</translation>
    </message>
    <message>
        <source>Rating recorded: %1. A call-back task is due.</source>
        <translation>评价已记录：%1。已生成回访任务。</translation>
    </message>
    <message>
        <source>Rating recorded: %1.</source>
        <translation>评价已记录：%1。</translation>
    </message>
</context>
<context>
    <name>ow::ui::SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>OneWindow: sign in</source>
        <translation>一窗通：登录</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Sign in to the comprehensive window.</source>
        <translation>请登录综合受理窗口。</translation>
    </message>
    <message>
        <source>Type your login.</source>
        <translation>请输入登录名。</translation>
    </message>
</context>
<context>
    <name>ow::ui::StatsController</name>
    <message>
        <source>The statistics could not be written to %1: %2</source>
        <translation>统计无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export the statistics</source>
        <translation>导出统计</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Statistics written to %1</source>
        <translation>统计已写入 %1</translation>
    </message>
</context>
<context>
    <name>ow::ui::StatsPage</name>
    <message>
        <source>Count</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Grouped</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Cases accepted and completed, completion and on-time rates</source>
        <translation>受理与办结件数、办结率与按时办结率</translation>
    </message>
</context>
<context>
    <name>ow::ui::SyncIndicator</name>
    <message>
        <source>Centre: connecting</source>
        <translation>中心：正在连接</translation>
    </message>
    <message>
        <source>Centre: syncing</source>
        <translation>中心：正在同步</translation>
    </message>
    <message>
        <source>Centre: online</source>
        <translation>中心：在线</translation>
    </message>
    <message>
        <source>Centre: offline since %1</source>
        <translation>中心：自%1起离线</translation>
    </message>
    <message>
        <source>Centre: error</source>
        <translation>中心：出错</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n项待上传</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n项被拒</numerusform>
        </translation>
    </message>
    <message>
        <source>Click for the sync panel</source>
        <translation>点击查看同步面板</translation>
    </message>
    <message>
        <source>Centre: not connected</source>
        <translation>中心：未连接</translation>
    </message>
</context>
<context>
    <name>ow::ui::SyncPanel</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>待上传</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>最近一次成功</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近一次错误</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Refused at</source>
        <translation>拒绝时间</translation>
    </message>
    <message>
        <source>Refused by the centre (kept here, nothing is lost):</source>
        <translation>被中心拒绝的记录（保留在本机，不会丢失）：</translation>
    </message>
    <message>
        <source>%1 in all: %2 under an hour, %3 under a day, %4 older</source>
        <translation>共%1项：不足1小时%2项，不足1天%3项，更早%4项</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>办件 %1</translation>
    </message>
    <message>
        <source>To set it up, run on this PC, with the address and password the centre gave for this site:
    onewindow-admin sync configure --central postgresql://LOGIN:PASSWORD@HOST:PORT/DATABASE --site CODE
The password goes to a file only you can read. Until then, every case stays here and nothing is lost.</source>
        <translation>设置方法：在本机用中心为本网点提供的地址和密码运行：
    onewindow-admin sync configure --central postgresql://LOGIN:PASSWORD@HOST:PORT/DATABASE --site CODE
密码将保存在只有您能读取的文件中。在此之前，所有办件都保存在本机，不会丢失。</translation>
    </message>
    <message>
        <source>This counter has no central address yet, so it does not send its cases to the centre.</source>
        <translation>本窗口尚未设置中心地址，因此不会向中心上传办件。</translation>
    </message>
    <message>
        <source>The central address in the sync settings cannot be read (%1).</source>
        <translation>同步设置中的中心地址无法识别（%1）。</translation>
    </message>
    <message>
        <source>The password for the centre is missing: there is no file %1, so this counter cannot sign in at the centre.</source>
        <translation>缺少连接中心的密码：文件 %1 不存在，本窗口无法登录中心。</translation>
    </message>
    <message>
        <source>The password file %1 can be read by other users of this PC, so it is not used. Make it private with:
    chmod 600 %1
or write it again:</source>
        <translation>密码文件 %1 可被本机其他用户读取，因此不予使用。请用以下命令设为仅本人可读：
    chmod 600 %1
或重新写入：</translation>
    </message>
    <message>
        <source>The password file %1 cannot be read (%2). Check that it belongs to the user running OneWindow, or write it again:</source>
        <translation>密码文件 %1 无法读取（%2）。请确认该文件属于运行一窗通的用户，或重新写入：</translation>
    </message>
    <message>
        <source>The centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <source>Kept for a restore of the centre</source>
        <translation>为中心恢复而保留</translation>
    </message>
    <message>
        <source>nothing to report</source>
        <translation>无异常</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s), the oldest answered %1</source>
        <translation>
            <numerusform>%n 条记录，最早于 %1 确认</numerusform>
        </translation>
    </message>
    <message>
        <source>Pages waiting: %1 (%2 MB), the oldest captured %3</source>
        <translation>待上传页面：%1 个（%2 MB），最早采集于 %3</translation>
    </message>
</context>
<context>
    <name>ow::ui::WorkbenchPage</name>
    <message>
        <source>Intake</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Item detail</source>
        <translation>事项详情</translation>
    </message>
</context>
</TS>
