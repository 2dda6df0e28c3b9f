<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CatalogueText</name>
    <message>
        <source>Immediate</source>
        <translation>Immediate</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>Promised</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Pick-up at the window</source>
        <translation>Pick-up at the window</translation>
    </message>
    <message>
        <source>EMS mail</source>
        <translation>EMS mail</translation>
    </message>
    <message>
        <source>Locker</source>
        <translation>Locker</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Electronic</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <source>Original + copy</source>
        <translation>Original + copy</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Conditional</source>
        <translation>Conditional</translation>
    </message>
    <message>
        <source>Government</source>
        <translation>Government</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>reusable</source>
        <translation>reusable</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
    <message>
        <source>On the spot</source>
        <translation>On the spot</translation>
    </message>
    <message>
        <source>%1 (legal %2)</source>
        <translation>%1 (legal %2)</translation>
    </message>
    <message>
        <source>No visit (online)</source>
        <translation>No visit (online)</translation>
    </message>
    <message>
        <source>At most %1</source>
        <translation>At most %1</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>%1 yuan</source>
        <translation>%1 yuan</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>an agent applies</source>
        <translation>an agent applies</translation>
    </message>
    <message>
        <source>the applicant comes in person</source>
        <translation>the applicant comes in person</translation>
    </message>
    <message>
        <source>always</source>
        <translation>always</translation>
    </message>
    <message>
        <source>a legal person applies</source>
        <translation>a legal person applies</translation>
    </message>
    <message>
        <source>a natural person applies</source>
        <translation>a natural person applies</translation>
    </message>
    <message>
        <source>the applicant is under %1</source>
        <translation>the applicant is under %1</translation>
    </message>
    <message>
        <source>the applicant is %1 or older</source>
        <translation>the applicant is %1 or older</translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1 is %2</translation>
    </message>
    <message>
        <source> or </source>
        <translation> or </translation>
    </message>
    <message>
        <source>not: %1</source>
        <translation>not: %1</translation>
    </message>
    <message>
        <source>%1 is not %2</source>
        <translation>%1 is not %2</translation>
    </message>
    <message>
        <source>When %1</source>
        <translation>When %1</translation>
    </message>
    <message>
        <source>, or </source>
        <translation>, or </translation>
    </message>
</context>
<context>
    <name>IntakeText</name>
    <message>
        <source>To check</source>
        <translation>To check</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Reused</source>
        <translation>Reused</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>Defective</translation>
    </message>
    <message>
        <source>from case %1</source>
        <translation>from case %1</translation>
    </message>
    <message>
        <source>from e-licence %1</source>
        <translation>from e-licence %1</translation>
    </message>
    <message>
        <source>No grade</source>
        <translation>No grade</translation>
    </message>
    <message>
        <source>Grade A</source>
        <translation>Grade A</translation>
    </message>
    <message>
        <source>Grade B</source>
        <translation>Grade B</translation>
    </message>
    <message>
        <source>Grade C</source>
        <translation>Grade C</translation>
    </message>
    <message>
        <source>Blacklist</source>
        <translation>Blacklist</translation>
    </message>
    <message>
        <source>Pick-up at the window</source>
        <translation>Pick-up at the window</translation>
    </message>
    <message>
        <source>EMS mail (free)</source>
        <translation>EMS mail (free)</translation>
    </message>
    <message>
        <source>Self-service locker</source>
        <translation>Self-service locker</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>Agent&apos;s name</source>
        <translation>Agent&apos;s name</translation>
    </message>
    <message>
        <source>Agent&apos;s ID number</source>
        <translation>Agent&apos;s ID number</translation>
    </message>
    <message>
        <source>Agent&apos;s phone</source>
        <translation>Agent&apos;s phone</translation>
    </message>
    <message>
        <source>Applicant&apos;s details</source>
        <translation>Applicant&apos;s details</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>OneWindow</source>
        <translation>OneWindow</translation>
    </message>
    <message>
        <source>The catalogue could not be loaded.</source>
        <translation>The catalogue could not be loaded.</translation>
    </message>
</context>
<context>
    <name>onewindow-admin</name>
    <message>
        <source>Unknown command: %1</source>
        <translation>Unknown command: %1</translation>
    </message>
</context>
<context>
    <name>ow</name>
    <message>
        <source>clerk</source>
        <translation>clerk</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>take intake decisions</source>
        <translation>take intake decisions</translation>
    </message>
    <message>
        <source>override a credit check</source>
        <translation>override a credit check</translation>
    </message>
    <message>
        <source>sample cases for audit</source>
        <translation>sample cases for audit</translation>
    </message>
    <message>
        <source>unlock a user</source>
        <translation>unlock a user</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>read the audit log</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>manage users</translation>
    </message>
    <message>
        <source>import the catalogue</source>
        <translation>import the catalogue</translation>
    </message>
    <message>
        <source>change the counter&apos;s settings</source>
        <translation>change the counter&apos;s settings</translation>
    </message>
    <message>
        <source>move a case along its life</source>
        <translation>move a case along its life</translation>
    </message>
    <message>
        <source>approve or refuse at the window</source>
        <translation>approve or refuse at the window</translation>
    </message>
    <message>
        <source>whole period</source>
        <translation>whole period</translation>
    </message>
    <message>
        <source>by day</source>
        <translation>by day</translation>
    </message>
    <message>
        <source>by week</source>
        <translation>by week</translation>
    </message>
    <message>
        <source>by month</source>
        <translation>by month</translation>
    </message>
    <message>
        <source>by site</source>
        <translation>by site</translation>
    </message>
    <message>
        <source>by window</source>
        <translation>by window</translation>
    </message>
    <message>
        <source>by clerk</source>
        <translation>by clerk</translation>
    </message>
    <message>
        <source>by item</source>
        <translation>by item</translation>
    </message>
    <message>
        <source>by category</source>
        <translation>by category</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>Consultations</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>Completion rate</translation>
    </message>
    <message>
        <source>Completed on time</source>
        <translation>Completed on time</translation>
    </message>
    <message>
        <source>On-time completion rate</source>
        <translation>On-time completion rate</translation>
    </message>
    <message>
        <source>Immediate items</source>
        <translation>Immediate items</translation>
    </message>
    <message>
        <source>Share of immediate items</source>
        <translation>Share of immediate items</translation>
    </message>
    <message>
        <source>Done in one visit</source>
        <translation>Done in one visit</translation>
    </message>
    <message>
        <source>Share done in one visit</source>
        <translation>Share done in one visit</translation>
    </message>
    <message>
        <source>Visits per matter</source>
        <translation>Visits per matter</translation>
    </message>
    <message>
        <source>Corrections requested</source>
        <translation>Corrections requested</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <source>Mailings</source>
        <translation>Mailings</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <source>Average grade</source>
        <translation>Average grade</translation>
    </message>
    <message>
        <source>Share satisfied</source>
        <translation>Share satisfied</translation>
    </message>
    <message>
        <source>Consultations logged (counter or phone), counted on the day logged, at the site, window and clerk who logged them.</source>
        <translation>Consultations logged (counter or phone), counted on the day logged, at the site, window and clerk who logged them.</translation>
    </message>
    <message>
        <source>Cases accepted (受理), counted on the day of acceptance, at the site, window and clerk who accepted them. A case accepted after a correction counts on the day it was accepted.</source>
        <translation>Cases accepted (受理), counted on the day of acceptance, at the site, window and clerk who accepted them. A case accepted after a correction counts on the day it was accepted.</translation>
    </message>
    <message>
        <source>Of the cases accepted, those completed (办结) on or before the last day of the period asked for, counted on the day of acceptance (so the rows add up to the total).</source>
        <translation>Of the cases accepted, those completed (办结) on or before the last day of the period asked for, counted on the day of acceptance (so the rows add up to the total).</translation>
    </message>
    <message>
        <source>Completion rate (办结率) = completed ÷ accepted: of the cases accepted, the share completed by the last day of the period asked for.</source>
        <translation>Completion rate (办结率) = completed ÷ accepted: of the cases accepted, the share completed by the last day of the period asked for.</translation>
    </message>
    <message>
        <source>Of the cases completed, those completed on or before their due date: the promised date moved on by the working days the legal clock was paused (correction or special procedure), as on the case page.</source>
        <translation>Of the cases completed, those completed on or before their due date: the promised date moved on by the working days the legal clock was paused (correction or special procedure), as on the case page.</translation>
    </message>
    <message>
        <source>On-time completion rate (按时办结率) = completed on time ÷ completed; the target is 99% or more. Paused working days extend the due date; a case completed after its due date is late.</source>
        <translation>On-time completion rate (按时办结率) = completed on time ÷ completed; the target is 99% or more. Paused working days extend the due date; a case completed after its due date is late.</translation>
    </message>
    <message>
        <source>Of the cases accepted, immediate items (即办件): every item of the case is done on the spot, without a promised time limit.</source>
        <translation>Of the cases accepted, immediate items (即办件): every item of the case is done on the spot, without a promised time limit.</translation>
    </message>
    <message>
        <source>Share of immediate items = immediate items ÷ accepted.</source>
        <translation>Share of immediate items = immediate items ÷ accepted.</translation>
    </message>
    <message>
        <source>Of the cases accepted, those accepted at the matter&apos;s first visit (no correction asked before).</source>
        <translation>Of the cases accepted, those accepted at the matter&apos;s first visit (no correction asked before).</translation>
    </message>
    <message>
        <source>Share done in one visit = accepted at the first visit ÷ accepted.</source>
        <translation>Share done in one visit = accepted at the first visit ÷ accepted.</translation>
    </message>
    <message>
        <source>Visits per matter = the visits the applicants made up to acceptance, summed over the cases accepted ÷ accepted.</source>
        <translation>Visits per matter = the visits the applicants made up to acceptance, summed over the cases accepted ÷ accepted.</translation>
    </message>
    <message>
        <source>One-time notices (补正) issued, counted on the day of the notice, at the site, window and clerk who issued them.</source>
        <translation>One-time notices (补正) issued, counted on the day of the notice, at the site, window and clerk who issued them.</translation>
    </message>
    <message>
        <source>Non-acceptance notices (不予受理) issued, counted on the day of the notice.</source>
        <translation>Non-acceptance notices (不予受理) issued, counted on the day of the notice.</translation>
    </message>
    <message>
        <source>Results sent by EMS, counted on the day sent, at the site, window and clerk who sent them.</source>
        <translation>Results sent by EMS, counted on the day sent, at the site, window and clerk who sent them.</translation>
    </message>
    <message>
        <source>Satisfaction ratings (好差评) given, counted on the day given, with the clerk rated.</source>
        <translation>Satisfaction ratings (好差评) given, counted on the day given, with the clerk rated.</translation>
    </message>
    <message>
        <source>Average grade = the grades summed ÷ ratings (5 very satisfied … 1 very dissatisfied).</source>
        <translation>Average grade = the grades summed ÷ ratings (5 very satisfied … 1 very dissatisfied).</translation>
    </message>
    <message>
        <source>Share satisfied = ratings of 3 (basically satisfied) or better ÷ ratings.</source>
        <translation>Share satisfied = ratings of 3 (basically satisfied) or better ÷ ratings.</translation>
    </message>
    <message>
        <source>%1 to %2, %3</source>
        <translation>%1 to %2, %3</translation>
    </message>
    <message>
        <source>stop the legal clock for a special procedure</source>
        <translation>stop the legal clock for a special procedure</translation>
    </message>
</context>
<context>
    <name>ow::AcceptanceReceipt</name>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Acceptance Receipt</source>
        <translation>Acceptance Receipt</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>No. %1</translation>
    </message>
    <message>
        <source>Scan to follow the case</source>
        <translation>Scan to follow the case</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>ID document</source>
        <translation>ID document</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Agent&apos;s ID document</source>
        <translation>Agent&apos;s ID document</translation>
    </message>
    <message>
        <source>Joint application: %1</source>
        <translation>Joint application: %1</translation>
    </message>
    <message>
        <source>Items applied for</source>
        <translation>Items applied for</translation>
    </message>
    <message numerus="yes">
        <source>(within %n working day(s))</source>
        <translation>
            <numerusform>(within %n working day)</numerusform>
            <numerusform>(within %n working days)</numerusform>
        </translation>
    </message>
    <message>
        <source>[provisional]</source>
        <translation>[provisional]</translation>
    </message>
    <message>
        <source>Completed on the spot</source>
        <translation>Completed on the spot</translation>
    </message>
    <message>
        <source>Accepted at</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <source>Promised completion</source>
        <translation>Promised completion</translation>
    </message>
    <message>
        <source>Delivery of the result</source>
        <translation>Delivery of the result</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Query phone</source>
        <translation>Query phone</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>Service site</source>
        <translation>Service site</translation>
    </message>
    <message numerus="yes">
        <source>Materials received (%n item(s))</source>
        <translation>
            <numerusform>Materials received (%n item)</numerusform>
            <numerusform>Materials received (%n items)</numerusform>
        </translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>For item</source>
        <translation>For item</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Reused: %1</source>
        <translation>Reused: %1</translation>
    </message>
    <message>
        <source>Brought to the window</source>
        <translation>Brought to the window</translation>
    </message>
    <message>
        <source>1. Keep this receipt. Show it, with your ID document, to collect the result or to ask about the case.</source>
        <translation>1. Keep this receipt. Show it, with your ID document, to collect the result or to ask about the case.</translation>
    </message>
    <message>
        <source>2. To ask about progress call %1, or scan the QR code above.</source>
        <translation>2. To ask about progress call %1, or scan the QR code above.</translation>
    </message>
    <message>
        <source>3. The time limit counts working days; statutory holidays are not counted.</source>
        <translation>3. The time limit counts working days; statutory holidays are not counted.</translation>
    </message>
    <message>
        <source>4. The completion date is provisional: the holiday calendar of that year has not been published yet. The centre will confirm it.</source>
        <translation>4. The completion date is provisional: the holiday calendar of that year has not been published yet. The centre will confirm it.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Applicant (signature):</source>
        <translation>Applicant (signature):</translation>
    </message>
    <message>
        <source>Accepting clerk (signature):</source>
        <translation>Accepting clerk (signature):</translation>
    </message>
    <message>
        <source>Centre seal:</source>
        <translation>Centre seal:</translation>
    </message>
</context>
<context>
    <name>ow::AuditLog</name>
    <message>
        <source>An audit entry names its action.</source>
        <translation>An audit entry names its action.</translation>
    </message>
    <message>
        <source>An audit entry names who acted; no one is signed in.</source>
        <translation>An audit entry names who acted; no one is signed in.</translation>
    </message>
    <message>
        <source>Entry %1 follows a removed entry: entry %2 is missing.</source>
        <translation>Entry %1 follows a removed entry: entry %2 is missing.</translation>
    </message>
    <message>
        <source>Entry %1 follows removed entries: entries %2 to %3 are missing.</source>
        <translation>Entry %1 follows removed entries: entries %2 to %3 are missing.</translation>
    </message>
    <message>
        <source>Entry %1 is out of order: it was written after entry %2, not after entry %3.</source>
        <translation>Entry %1 is out of order: it was written after entry %2, not after entry %3.</translation>
    </message>
    <message>
        <source>Entry %1 does not link to entry %2 before it: one of the two was changed.</source>
        <translation>Entry %1 does not link to entry %2 before it: one of the two was changed.</translation>
    </message>
    <message>
        <source>Entry %1 (%2, %3) was changed after it was written: its content does not match its hash.</source>
        <translation>Entry %1 (%2, %3) was changed after it was written: its content does not match its hash.</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %n entry(ies).</source>
        <translation>
            <numerusform>The audit log is intact: %n entry.</numerusform>
            <numerusform>The audit log is intact: %n entries.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ow::AuthService</name>
    <message>
        <source>The number of failed sign-ins before a lock-out is 1 to 100.</source>
        <translation>The number of failed sign-ins before a lock-out is 1 to 100.</translation>
    </message>
    <message>
        <source>A lock-out lasts 0 (until unlocked) to 10080 minutes.</source>
        <translation>A lock-out lasts 0 (until unlocked) to 10080 minutes.</translation>
    </message>
    <message>
        <source>The screen locks after 0 (never) to 1440 idle minutes.</source>
        <translation>The screen locks after 0 (never) to 1440 idle minutes.</translation>
    </message>
    <message>
        <source>The shortest password allowed is 6 to 128 characters.</source>
        <translation>The shortest password allowed is 6 to 128 characters.</translation>
    </message>
    <message>
        <source>The sign-in policy was not changed.</source>
        <translation>The sign-in policy was not changed.</translation>
    </message>
    <message numerus="yes">
        <source>The password needs at least %n character(s).</source>
        <translation>
            <numerusform>The password needs at least %n character.</numerusform>
            <numerusform>The password needs at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password is longer than 1024 characters.</source>
        <translation>The password is longer than 1024 characters.</translation>
    </message>
    <message>
        <source>The password may not be the login.</source>
        <translation>The password may not be the login.</translation>
    </message>
    <message>
        <source>The login is empty.</source>
        <translation>The login is empty.</translation>
    </message>
    <message>
        <source>The login &quot;%1&quot; may hold only letters, digits and . _ @ - (at most 64).</source>
        <translation>The login &quot;%1&quot; may hold only letters, digits and . _ @ - (at most 64).</translation>
    </message>
    <message>
        <source>The login &quot;system&quot; is reserved for the machine&apos;s operator.</source>
        <translation>The login &quot;system&quot; is reserved for the machine&apos;s operator.</translation>
    </message>
    <message>
        <source>The user&apos;s name is empty.</source>
        <translation>The user&apos;s name is empty.</translation>
    </message>
    <message>
        <source>The user&apos;s name is longer than 100 characters.</source>
        <translation>The user&apos;s name is longer than 100 characters.</translation>
    </message>
    <message>
        <source>The user was not added.</source>
        <translation>The user was not added.</translation>
    </message>
    <message>
        <source>This store has users already: the first administrator can be created only on a store without any.</source>
        <translation>This store has users already: the first administrator can be created only on a store without any.</translation>
    </message>
    <message>
        <source>The login %1 is taken (by %2).</source>
        <translation>The login %1 is taken (by %2).</translation>
    </message>
    <message>
        <source>There is no user %1.</source>
        <translation>There is no user %1.</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>You cannot disable your own account.</translation>
    </message>
    <message>
        <source>The account %1 is locked after too many failed sign-ins. A supervisor must unlock it.</source>
        <translation>The account %1 is locked after too many failed sign-ins. A supervisor must unlock it.</translation>
    </message>
    <message>
        <source>The account %1 is locked after too many failed sign-ins until %2, or until a supervisor unlocks it.</source>
        <translation>The account %1 is locked after too many failed sign-ins until %2, or until a supervisor unlocks it.</translation>
    </message>
    <message>
        <source>Only a signed-in user can resume a locked screen.</source>
        <translation>Only a signed-in user can resume a locked screen.</translation>
    </message>
    <message>
        <source>The account changed while the screen was locked.</source>
        <translation>The account changed while the screen was locked.</translation>
    </message>
    <message>
        <source>Unknown login or wrong password.</source>
        <translation>Unknown login or wrong password.</translation>
    </message>
    <message>
        <source>The account %1 is disabled. An administrator can enable it.</source>
        <translation>The account %1 is disabled. An administrator can enable it.</translation>
    </message>
    <message>
        <source>Wrong password for %1.</source>
        <translation>Wrong password for %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s) left before the account locks.</source>
        <translation>
            <numerusform>%n attempt left before the account locks.</numerusform>
            <numerusform>%n attempts left before the account locks.</numerusform>
        </translation>
    </message>
    <message>
        <source>You cannot change your own role.</source>
        <translation>You cannot change your own role.</translation>
    </message>
</context>
<context>
    <name>ow::Barcode</name>
    <message>
        <source>Out of memory for a barcode.</source>
        <translation>Out of memory for a barcode.</translation>
    </message>
    <message>
        <source>Cannot encode &quot;%1&quot; as a barcode: %2</source>
        <translation>Cannot encode &quot;%1&quot; as a barcode: %2</translation>
    </message>
</context>
<context>
    <name>ow::Callback</name>
    <message>
        <source>Proxy service</source>
        <translation>Proxy service</translation>
    </message>
    <message>
        <source>Bad rating</source>
        <translation>Bad rating</translation>
    </message>
    <message>
        <source>Returned mailing</source>
        <translation>Returned mailing</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>ow::CallbackRules</name>
    <message>
        <source>Proxy service completed (%1): call the applicant back and tell them it is done.</source>
        <translation>Proxy service completed (%1): call the applicant back and tell them it is done.</translation>
    </message>
</context>
<context>
    <name>ow::CallbackService</name>
    <message>
        <source>Say why the call-back is needed (the reason is missing).</source>
        <translation>Say why the call-back is needed (the reason is missing).</translation>
    </message>
    <message>
        <source>The due date %1 is in the past.</source>
        <translation>The due date %1 is in the past.</translation>
    </message>
    <message>
        <source>There is no case with the number %1.</source>
        <translation>There is no case with the number %1.</translation>
    </message>
    <message>
        <source>Name the site the call-back belongs to (--site).</source>
        <translation>Name the site the call-back belongs to (--site).</translation>
    </message>
    <message>
        <source>Name the call-back by its id or the first 8 characters of it or more; %1 is too short.</source>
        <translation>Name the call-back by its id or the first 8 characters of it or more; %1 is too short.</translation>
    </message>
    <message>
        <source>There is no call-back %1.</source>
        <translation>There is no call-back %1.</translation>
    </message>
    <message>
        <source>%1 names %2 call-backs: give more of the id.</source>
        <translation>%1 names %2 call-backs: give more of the id.</translation>
    </message>
    <message>
        <source>Record the result of the call-back (what was said, or why no one could be reached).</source>
        <translation>Record the result of the call-back (what was said, or why no one could be reached).</translation>
    </message>
    <message>
        <source>The call-back %1 was already done on %2 by %3.</source>
        <translation>The call-back %1 was already done on %2 by %3.</translation>
    </message>
</context>
<context>
    <name>ow::CaseArchive</name>
    <message>
        <source>The page file %1 cannot be read.</source>
        <translation>The page file %1 cannot be read.</translation>
    </message>
    <message>
        <source>Electronic Case File</source>
        <translation>Electronic Case File</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>ID document</source>
        <translation>ID document</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Agent&apos;s ID document</source>
        <translation>Agent&apos;s ID document</translation>
    </message>
    <message>
        <source>Joint application: %1</source>
        <translation>Joint application: %1</translation>
    </message>
    <message>
        <source>Items applied for</source>
        <translation>Items applied for</translation>
    </message>
    <message>
        <source>Accepted at</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>Service site</source>
        <translation>Service site</translation>
    </message>
    <message numerus="yes">
        <source>Materials (%n page(s) in this file)</source>
        <translation>
            <numerusform>Materials (%n page in this file)</numerusform>
            <numerusform>Materials (%n pages in this file)</numerusform>
        </translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Reused: %1</source>
        <translation>Reused: %1</translation>
    </message>
    <message>
        <source>No material of this case was captured as pages.</source>
        <translation>No material of this case was captured as pages.</translation>
    </message>
    <message>
        <source>%1 — page %2 of %3</source>
        <translation>%1 — page %2 of %3</translation>
    </message>
    <message>
        <source>Electronic Case File %1</source>
        <translation>Electronic Case File %1</translation>
    </message>
    <message>
        <source>The page %1 is missing from the PDF written.</source>
        <translation>The page %1 is missing from the PDF written.</translation>
    </message>
    <message>
        <source>The page file %1 cannot be read: %2</source>
        <translation>The page file %1 cannot be read: %2</translation>
    </message>
</context>
<context>
    <name>ow::CaseDocuments</name>
    <message>
        <source>Resident ID card</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>Passport</translation>
    </message>
    <message>
        <source>Mainland travel permit for Hong Kong and Macao residents</source>
        <translation>Mainland travel permit for Hong Kong and Macao residents</translation>
    </message>
    <message>
        <source>Mainland travel permit for Taiwan residents</source>
        <translation>Mainland travel permit for Taiwan residents</translation>
    </message>
    <message>
        <source>Foreign permanent resident ID card</source>
        <translation>Foreign permanent resident ID card</translation>
    </message>
    <message>
        <source>Other ID document</source>
        <translation>Other ID document</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>From case %1</source>
        <translation>From case %1</translation>
    </message>
    <message>
        <source>E-licence %1</source>
        <translation>E-licence %1</translation>
    </message>
    <message>
        <source>acceptance receipt</source>
        <translation>acceptance receipt</translation>
    </message>
    <message>
        <source>one-time notice</source>
        <translation>one-time notice</translation>
    </message>
    <message>
        <source>non-acceptance notice</source>
        <translation>non-acceptance notice</translation>
    </message>
    <message>
        <source>completion notice</source>
        <translation>completion notice</translation>
    </message>
    <message>
        <source>EMS mailing slip</source>
        <translation>EMS mailing slip</translation>
    </message>
    <message>
        <source>daily ledger</source>
        <translation>daily ledger</translation>
    </message>
    <message>
        <source>C</source>
        <extracomment>The kind character of a document number: 受 (acceptance) or 办 (completion)</extracomment>
        <translation>C</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>A daily ledger is of a day, not of a case.</source>
        <translation>A daily ledger is of a day, not of a case.</translation>
    </message>
    <message>
        <source>No case or notice has the number %1.</source>
        <translation>No case or notice has the number %1.</translation>
    </message>
    <message>
        <source>Case %1 was not accepted (status: %2): it has no acceptance receipt.</source>
        <translation>Case %1 was not accepted (status: %2): it has no acceptance receipt.</translation>
    </message>
    <message>
        <source>No correction was requested for case %1 (status: %2): it has no one-time notice.</source>
        <translation>No correction was requested for case %1 (status: %2): it has no one-time notice.</translation>
    </message>
    <message>
        <source>Case %1 was not refused at the window (status: %2): it has no non-acceptance notice.</source>
        <translation>Case %1 was not refused at the window (status: %2): it has no non-acceptance notice.</translation>
    </message>
    <message>
        <source>Case %1 is not completed (status: %2): it has no completion notice yet.</source>
        <translation>Case %1 is not completed (status: %2): it has no completion notice yet.</translation>
    </message>
    <message>
        <source>Case %1 was not accepted (status: %2): there is nothing to mail.</source>
        <translation>Case %1 was not accepted (status: %2): there is nothing to mail.</translation>
    </message>
    <message>
        <source>The result of case %1 is not mailed (delivery: %2): it has no EMS slip.</source>
        <translation>The result of case %1 is not mailed (delivery: %2): it has no EMS slip.</translation>
    </message>
    <message>
        <source>The applicant of case %1 is missing from the store.</source>
        <translation>The applicant of case %1 is missing from the store.</translation>
    </message>
    <message>
        <source>Not submitted; the application requires it.</source>
        <translation>Not submitted; the application requires it.</translation>
    </message>
    <message>
        <source>Article 32(1)(4) of the Administrative Licensing Law of the People&apos;s Republic of China</source>
        <translation>Article 32(1)(4) of the Administrative Licensing Law of the People&apos;s Republic of China</translation>
    </message>
    <message>
        <source>Completed: approved</source>
        <translation>Completed: approved</translation>
    </message>
    <message>
        <source>This notice or the acceptance receipt</source>
        <translation>This notice or the acceptance receipt</translation>
    </message>
    <message>
        <source>The applicant&apos;s ID document (the original)</source>
        <translation>The applicant&apos;s ID document (the original)</translation>
    </message>
    <message>
        <source>The agent&apos;s ID document and the written authorisation</source>
        <translation>The agent&apos;s ID document and the written authorisation</translation>
    </message>
    <message>
        <source>The first EMS slip of case %1 needs its waybill number.</source>
        <translation>The first EMS slip of case %1 needs its waybill number.</translation>
    </message>
    <message>
        <source>The waybill %1 was already used for case %2.</source>
        <translation>The waybill %1 was already used for case %2.</translation>
    </message>
    <message>
        <source>A daily ledger needs a valid date (yyyy-MM-dd).</source>
        <translation>A daily ledger needs a valid date (yyyy-MM-dd).</translation>
    </message>
    <message>
        <source>all windows</source>
        <translation>all windows</translation>
    </message>
    <message>
        <source>The ledger subject %1 is not &lt;site&gt;/&lt;window&gt;/&lt;date&gt;.</source>
        <translation>The ledger subject %1 is not &lt;site&gt;/&lt;window&gt;/&lt;date&gt;.</translation>
    </message>
    <message>
        <source>electronic case file</source>
        <translation>electronic case file</translation>
    </message>
    <message>
        <source>Case %1 was not accepted (status: %2): it has no electronic case file.</source>
        <translation>Case %1 was not accepted (status: %2): it has no electronic case file.</translation>
    </message>
</context>
<context>
    <name>ow::CaseLifeService</name>
    <message>
        <source>forwarded to a department</source>
        <translation>forwarded to a department</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>completed</translation>
    </message>
    <message>
        <source>put out for pick-up</source>
        <translation>put out for pick-up</translation>
    </message>
    <message>
        <source>handed over</source>
        <translation>handed over</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>withdrawn</translation>
    </message>
    <message>
        <source>nothing more, the case is closed</source>
        <translation>nothing more, the case is closed</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Case %1 is %2: it cannot be %3. Allowed next: %4.</source>
        <translation>Case %1 is %2: it cannot be %3. Allowed next: %4.</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>on time</translation>
    </message>
    <message>
        <source>due soon</source>
        <translation>due soon</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>There is no case with the number %1.</source>
        <translation>There is no case with the number %1.</translation>
    </message>
    <message>
        <source>Name the department case %1 is forwarded to.</source>
        <translation>Name the department case %1 is forwarded to.</translation>
    </message>
    <message>
        <source>forwarded to %1</source>
        <translation>forwarded to %1</translation>
    </message>
    <message>
        <source>Give the reason case %1 is refused.</source>
        <translation>Give the reason case %1 is refused.</translation>
    </message>
    <message>
        <source>%1 (%2) has no authority to decide item %3 (%4) at the window: case %5 must be forwarded to its department.</source>
        <translation>%1 (%2) has no authority to decide item %3 (%4) at the window: case %5 must be forwarded to its department.</translation>
    </message>
    <message>
        <source>Case %1 is delivered by %2, not picked up at the window.</source>
        <translation>Case %1 is delivered by %2, not picked up at the window.</translation>
    </message>
    <message>
        <source>The ID number %1 is not that of the applicant of case %2 nor of their agent: hand the result only to the applicant, or to a person they authorised, recorded as authorised with that person&apos;s own ID.</source>
        <translation>The ID number %1 is not that of the applicant of case %2 nor of their agent: hand the result only to the applicant, or to a person they authorised, recorded as authorised with that person&apos;s own ID.</translation>
    </message>
    <message>
        <source>handed to %1 (authorised)</source>
        <translation>handed to %1 (authorised)</translation>
    </message>
    <message>
        <source>handed to %1</source>
        <translation>handed to %1</translation>
    </message>
    <message>
        <source>Give the reason case %1 is withdrawn.</source>
        <translation>Give the reason case %1 is withdrawn.</translation>
    </message>
    <message>
        <source>A pause of the clock is for a correction or a special procedure (correction, special), not %1.</source>
        <translation>A pause of the clock is for a correction or a special procedure (correction, special), not %1.</translation>
    </message>
    <message>
        <source>Case %1 is %2: its clock does not run, so it cannot be paused.</source>
        <translation>Case %1 is %2: its clock does not run, so it cannot be paused.</translation>
    </message>
    <message>
        <source>The clock of case %1 is already paused since %2.</source>
        <translation>The clock of case %1 is already paused since %2.</translation>
    </message>
    <message>
        <source>The clock of case %1 is not paused.</source>
        <translation>The clock of case %1 is not paused.</translation>
    </message>
    <message>
        <source>Name the user and the item they may approve at the window.</source>
        <translation>Name the user and the item they may approve at the window.</translation>
    </message>
    <message>
        <source>%1 has no authority to approve item %2 at the window.</source>
        <translation>%1 has no authority to approve item %2 at the window.</translation>
    </message>
    <message>
        <source>mailed</source>
        <translation>mailed</translation>
    </message>
    <message>
        <source>The result of case %1 goes to the locker %2: put it in the locker with its compartment and pick-up code.</source>
        <translation>The result of case %1 goes to the locker %2: put it in the locker with its compartment and pick-up code.</translation>
    </message>
    <message>
        <source>Case %1 is delivered by %2, not through a locker.</source>
        <translation>Case %1 is delivered by %2, not through a locker.</translation>
    </message>
    <message>
        <source>Case %1 is %2: its result is collected once it is in the locker.</source>
        <translation>Case %1 is %2: its result is collected once it is in the locker.</translation>
    </message>
    <message>
        <source>Give the locker compartment case %1 is put in.</source>
        <translation>Give the locker compartment case %1 is put in.</translation>
    </message>
    <message>
        <source>The compartment %1 is not a compartment number (up to 16 letters, digits and hyphens).</source>
        <translation>The compartment %1 is not a compartment number (up to 16 letters, digits and hyphens).</translation>
    </message>
    <message>
        <source>Give the pick-up code the locker gave for case %1.</source>
        <translation>Give the pick-up code the locker gave for case %1.</translation>
    </message>
    <message>
        <source>The pick-up code %1 is not a pick-up code (4 to 12 letters and digits).</source>
        <translation>The pick-up code %1 is not a pick-up code (4 to 12 letters and digits).</translation>
    </message>
    <message>
        <source>collected from the locker %1, compartment %2</source>
        <translation>collected from the locker %1, compartment %2</translation>
    </message>
    <message>
        <source>collected from the locker %1</source>
        <translation>collected from the locker %1</translation>
    </message>
    <message>
        <source>in the locker: compartment %1</source>
        <translation>in the locker: compartment %1</translation>
    </message>
</context>
<context>
    <name>ow::CaseNumberAllocator</name>
    <message>
        <source>The site code &quot;%1&quot; is not valid: 1 to 32 letters and digits.</source>
        <translation>The site code &quot;%1&quot; is not valid: 1 to 32 letters and digits.</translation>
    </message>
    <message>
        <source>The date is not valid.</source>
        <translation>The date is not valid.</translation>
    </message>
</context>
<context>
    <name>ow::CaseStatus</name>
    <message>
        <source>Correction requested</source>
        <translation>Correction requested</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <source>First review</source>
        <translation>First review</translation>
    </message>
    <message>
        <source>Forwarded to the department</source>
        <translation>Forwarded to the department</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Awaiting pick-up</source>
        <translation>Awaiting pick-up</translation>
    </message>
    <message>
        <source>Mailed</source>
        <translation>Mailed</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Withdrawn</translation>
    </message>
</context>
<context>
    <name>ow::CatalogueCsv</name>
    <message>
        <source>The CSV file is malformed.</source>
        <translation>The CSV file is malformed.</translation>
    </message>
    <message>
        <source>Text after a closing quote; a quote inside a quoted field is written &quot;&quot;.</source>
        <translation>Text after a closing quote; a quote inside a quoted field is written &quot;&quot;.</translation>
    </message>
    <message>
        <source>A quote inside an unquoted field; quote the whole field and double the quote.</source>
        <translation>A quote inside an unquoted field; quote the whole field and double the quote.</translation>
    </message>
    <message>
        <source>A quoted field is not closed.</source>
        <translation>A quoted field is not closed.</translation>
    </message>
    <message>
        <source>The item %1 is not in %2.</source>
        <translation>The item %1 is not in %2.</translation>
    </message>
    <message>
        <source>The file has no header row.</source>
        <translation>The file has no header row.</translation>
    </message>
    <message>
        <source>Unknown column %1; the columns are: %2.</source>
        <translation>Unknown column %1; the columns are: %2.</translation>
    </message>
    <message>
        <source>The column is given twice.</source>
        <translation>The column is given twice.</translation>
    </message>
    <message>
        <source>The required column %1 is missing.</source>
        <translation>The required column %1 is missing.</translation>
    </message>
    <message>
        <source>The row has %1 fields; the header has %2.</source>
        <translation>The row has %1 fields; the header has %2.</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 is required.</translation>
    </message>
    <message>
        <source>%1 must be an integer; it is %2.</source>
        <translation>%1 must be an integer; it is %2.</translation>
    </message>
    <message>
        <source>%1 must be 0 or 1; it is %2.</source>
        <translation>%1 must be 0 or 1; it is %2.</translation>
    </message>
    <message>
        <source>%1 must be a date written YYYY-MM-DD.</source>
        <translation>%1 must be a date written YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>feeYuan must be a number; it is %1.</source>
        <translation>feeYuan must be a number; it is %1.</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>The file %1 does not exist.</translation>
    </message>
    <message>
        <source>The file is larger than %1 MB and was not read.</source>
        <translation>The file is larger than %1 MB and was not read.</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>The file cannot be read: %1</translation>
    </message>
    <message numerus="yes">
        <source>The catalogue has %n problem(s).</source>
        <translation>
            <numerusform>The catalogue has %n problem(s).</numerusform>
            <numerusform>The catalogue has %n problem(s).</numerusform>
        </translation>
    </message>
    <message>
        <source>The entry %1 begins or ends with a space, which CSV lists do not keep.</source>
        <translation>The entry %1 begins or ends with a space, which CSV lists do not keep.</translation>
    </message>
    <message>
        <source>The file %1 cannot be read as text.</source>
        <translation>The file %1 cannot be read as text.</translation>
    </message>
    <message>
        <source>The file begins with the byte order mark of UTF-8: it is UTF-8, not GB18030. Import it without --encoding gb18030.</source>
        <translation>The file begins with the byte order mark of UTF-8: it is UTF-8, not GB18030. Import it without --encoding gb18030.</translation>
    </message>
    <message>
        <source>Byte %1 (byte %2 of the file) is not UTF-8: the file is in another encoding, such as the GBK that Excel writes on a Chinese Windows PC. Save it as &quot;CSV UTF-8 (comma delimited)&quot; in Excel, or import it with --encoding gb18030.</source>
        <translation>Byte %1 (byte %2 of the file) is not UTF-8: the file is in another encoding, such as the GBK that Excel writes on a Chinese Windows PC. Save it as &quot;CSV UTF-8 (comma delimited)&quot; in Excel, or import it with --encoding gb18030.</translation>
    </message>
    <message>
        <source>Byte %1 (byte %2 of the file) is not GB18030 (GBK): the file is in another encoding. Save it as &quot;CSV UTF-8 (comma delimited)&quot; in Excel and import it without --encoding.</source>
        <translation>Byte %1 (byte %2 of the file) is not GB18030 (GBK): the file is in another encoding. Save it as &quot;CSV UTF-8 (comma delimited)&quot; in Excel and import it without --encoding.</translation>
    </message>
    <message>
        <source>The file cannot be decoded as GB18030 on this computer.</source>
        <translation>The file cannot be decoded as GB18030 on this computer.</translation>
    </message>
    <message>
        <source>The last line does not end with a line break: the file may have been cut off in the middle of a row. If it is complete, end it with a line break.</source>
        <translation>The last line does not end with a line break: the file may have been cut off in the middle of a row. If it is complete, end it with a line break.</translation>
    </message>
    <message>
        <source>The file %1 does not exist. The forms of the items are in forms.csv beside %2: write its header row alone when no item has a form.</source>
        <translation>The file %1 does not exist. The forms of the items are in forms.csv beside %2: write its header row alone when no item has a form.</translation>
    </message>
    <message>
        <source>The item %1 has no row in %2. If it asks for no material, write 1 in its noMaterials column; otherwise %2 is incomplete.</source>
        <translation>The item %1 has no row in %2. If it asks for no material, write 1 in its noMaterials column; otherwise %2 is incomplete.</translation>
    </message>
    <message>
        <source>The item %1 has materials here, but noMaterials = 1 in %2.</source>
        <translation>The item %1 has materials here, but noMaterials = 1 in %2.</translation>
    </message>
    <message>
        <source>The catalogue cannot be written as CSV.</source>
        <translation>The catalogue cannot be written as CSV.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be made.</source>
        <translation>The folder %1 cannot be made.</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
</context>
<context>
    <name>ow::CatalogueJson</name>
    <message>
        <source>The catalogue is larger than %1 MB and was not read.</source>
        <translation>The catalogue is larger than %1 MB and was not read.</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>line %1, column %2</translation>
    </message>
    <message>
        <source>The file is not valid JSON: %1.</source>
        <translation>The file is not valid JSON: %1.</translation>
    </message>
    <message>
        <source>The file is not valid JSON (line %1, column %2): %3.</source>
        <translation>The file is not valid JSON (line %1, column %2): %3.</translation>
    </message>
    <message>
        <source>The field %1 is given twice in the same object.</source>
        <translation>The field %1 is given twice in the same object.</translation>
    </message>
    <message>
        <source>A catalogue is a JSON object.</source>
        <translation>A catalogue is a JSON object.</translation>
    </message>
    <message>
        <source>The catalogue file %1 does not exist.</source>
        <translation>The catalogue file %1 does not exist.</translation>
    </message>
    <message>
        <source>The catalogue file %1 is larger than %2 MB and was not read.</source>
        <translation>The catalogue file %1 is larger than %2 MB and was not read.</translation>
    </message>
    <message>
        <source>The catalogue file %1 cannot be read: %2</source>
        <translation>The catalogue file %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Unknown field %1 (a misspelt field would silently drop a rule).</source>
        <translation>Unknown field %1 (a misspelt field would silently drop a rule).</translation>
    </message>
    <message>
        <source>The required field %1 is missing.</source>
        <translation>The required field %1 is missing.</translation>
    </message>
    <message>
        <source>%1 must be %2.</source>
        <translation>%1 must be %2.</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>a string</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>an integer</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>a number</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true or false</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>an array</translation>
    </message>
    <message>
        <source>%1 must be a date written YYYY-MM-DD.</source>
        <translation>%1 must be a date written YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>an object</translation>
    </message>
    <message>
        <source>format must be &quot;onewindow-catalogue&quot;; it is %1.</source>
        <translation>format must be &quot;onewindow-catalogue&quot;; it is %1.</translation>
    </message>
    <message>
        <source>formatVersion %1 is not supported; this program reads version 1.</source>
        <translation>formatVersion %1 is not supported; this program reads version 1.</translation>
    </message>
    <message>
        <source>%1 (line %2)</source>
        <translation>%1 (line %2)</translation>
    </message>
    <message>
        <source>the document</source>
        <translation>the document</translation>
    </message>
    <message numerus="yes">
        <source>The catalogue has %n problem(s).</source>
        <translation>
            <numerusform>The catalogue has %n problem(s).</numerusform>
            <numerusform>The catalogue has %n problem(s).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ow::CatalogueNames</name>
    <message>
        <source>%1 is not one of: %2.</source>
        <translation>%1 is not one of: %2.</translation>
    </message>
</context>
<context>
    <name>ow::CatalogueRepository</name>
    <message>
        <source>The code %1 is already used by another kind of catalogue entry.</source>
        <translation>The code %1 is already used by another kind of catalogue entry.</translation>
    </message>
    <message>
        <source>There is no item %1 in the catalogue.</source>
        <translation>There is no item %1 in the catalogue.</translation>
    </message>
    <message>
        <source>There is no joint item %1 in the catalogue.</source>
        <translation>There is no joint item %1 in the catalogue.</translation>
    </message>
    <message>
        <source>Version %1 of the item %2 is not in this store.</source>
        <translation>Version %1 of the item %2 is not in this store.</translation>
    </message>
    <message>
        <source>The stored catalogue entry %1 cannot be read: %2</source>
        <translation>The stored catalogue entry %1 cannot be read: %2</translation>
    </message>
</context>
<context>
    <name>ow::CatalogueService</name>
    <message>
        <source>%1 is neither a catalogue JSON file (.json) nor an items.csv file (.csv).</source>
        <translation>%1 is neither a catalogue JSON file (.json) nor an items.csv file (.csv).</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Nothing was imported.</translation>
    </message>
    <message>
        <source>A catalogue JSON file is always UTF-8: an encoding applies to CSV files only.</source>
        <translation>A catalogue JSON file is always UTF-8: an encoding applies to CSV files only.</translation>
    </message>
</context>
<context>
    <name>ow::CatalogueValidator</name>
    <message>
        <source>%1 must not be empty.</source>
        <translation>%1 must not be empty.</translation>
    </message>
    <message>
        <source>%1 must be %2 to %3 characters long; it has %4.</source>
        <translation>%1 must be %2 to %3 characters long; it has %4.</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3; it is %4.</source>
        <translation>%1 must be between %2 and %3; it is %4.</translation>
    </message>
    <message>
        <source>The code %1 must be 1 to 64 of the characters A-Z a-z 0-9 - _ .</source>
        <translation>The code %1 must be 1 to 64 of the characters A-Z a-z 0-9 - _ .</translation>
    </message>
    <message>
        <source>The condition is longer than %1 characters.</source>
        <translation>The condition is longer than %1 characters.</translation>
    </message>
    <message>
        <source>The condition %1 does not parse: %2</source>
        <translation>The condition %1 does not parse: %2</translation>
    </message>
    <message>
        <source>%1 has more than %2 entries.</source>
        <translation>%1 has more than %2 entries.</translation>
    </message>
    <message>
        <source>The code %1 is used twice (also at %2).</source>
        <translation>The code %1 is used twice (also at %2).</translation>
    </message>
    <message>
        <source>The code %1 is already an item&apos;s code.</source>
        <translation>The code %1 is already an item&apos;s code.</translation>
    </message>
    <message>
        <source>The code %1 is already a joint item&apos;s code.</source>
        <translation>The code %1 is already a joint item&apos;s code.</translation>
    </message>
    <message>
        <source>promisedLimitDays (%1) must not exceed legalLimitDays (%2).</source>
        <translation>promisedLimitDays (%1) must not exceed legalLimitDays (%2).</translation>
    </message>
    <message>
        <source>feeYuan must be a number of at least 0.</source>
        <translation>feeYuan must be a number of at least 0.</translation>
    </message>
    <message>
        <source>levels must name at least one of: %1.</source>
        <translation>levels must name at least one of: %1.</translation>
    </message>
    <message>
        <source>delivery must name at least one of: %1.</source>
        <translation>delivery must name at least one of: %1.</translation>
    </message>
    <message>
        <source>materials has more than %1 entries.</source>
        <translation>materials has more than %1 entries.</translation>
    </message>
    <message>
        <source>form has more than %1 entries.</source>
        <translation>form has more than %1 entries.</translation>
    </message>
    <message>
        <source>An item cannot be related to itself.</source>
        <translation>An item cannot be related to itself.</translation>
    </message>
    <message>
        <source>The related item %1 does not exist.</source>
        <translation>The related item %1 does not exist.</translation>
    </message>
    <message>
        <source>effectiveTo (%1) is before effectiveFrom (%2).</source>
        <translation>effectiveTo (%1) is before effectiveFrom (%2).</translation>
    </message>
    <message>
        <source>The material id %1 must be 1 to 64 of a-z 0-9 -.</source>
        <translation>The material id %1 must be 1 to 64 of a-z 0-9 -.</translation>
    </message>
    <message>
        <source>The material id %1 is used twice in this item (also at materials[%2]).</source>
        <translation>The material id %1 is used twice in this item (also at materials[%2]).</translation>
    </message>
    <message>
        <source>A conditional material needs a condition.</source>
        <translation>A conditional material needs a condition.</translation>
    </message>
    <message>
        <source>Only a conditional material has a condition; this one is %1.</source>
        <translation>Only a conditional material has a condition; this one is %1.</translation>
    </message>
    <message>
        <source>The field key %1 must be a-z followed by up to 63 of a-z 0-9 _.</source>
        <translation>The field key %1 must be a-z followed by up to 63 of a-z 0-9 _.</translation>
    </message>
    <message>
        <source>The field key %1 is used twice in this item (also at form[%2]).</source>
        <translation>The field key %1 is used twice in this item (also at form[%2]).</translation>
    </message>
    <message>
        <source>The pattern is longer than 500 characters.</source>
        <translation>The pattern is longer than 500 characters.</translation>
    </message>
    <message>
        <source>The pattern %1 does not compile: %2 (at offset %3).</source>
        <translation>The pattern %1 does not compile: %2 (at offset %3).</translation>
    </message>
    <message>
        <source>A choice field needs options.</source>
        <translation>A choice field needs options.</translation>
    </message>
    <message>
        <source>Only a choice field has options.</source>
        <translation>Only a choice field has options.</translation>
    </message>
    <message>
        <source>A joint item needs at least 2 members.</source>
        <translation>A joint item needs at least 2 members.</translation>
    </message>
    <message>
        <source>The member item %1 does not exist.</source>
        <translation>The member item %1 does not exist.</translation>
    </message>
    <message>
        <source>The member item %1 is listed twice.</source>
        <translation>The member item %1 is listed twice.</translation>
    </message>
    <message>
        <source>The item %1 does not exist.</source>
        <translation>The item %1 does not exist.</translation>
    </message>
    <message>
        <source>A rule needs a condition (&quot;true&quot; for always).</source>
        <translation>A rule needs a condition (&quot;true&quot; for always).</translation>
    </message>
</context>
<context>
    <name>ow::CentralAdmin</name>
    <message>
        <source>The central database is at schema %1; this program needs %2. Run `onewindow-admin central migrate` first.</source>
        <translation>The central database is at schema %1; this program needs %2. Run `onewindow-admin central migrate` first.</translation>
    </message>
    <message>
        <source>The central database was migrated by a newer version of OneWindow (schema %1); use the newer version.</source>
        <translation>The central database was migrated by a newer version of OneWindow (schema %1); use the newer version.</translation>
    </message>
    <message>
        <source>A site code is 1 to 32 ASCII letters and digits.</source>
        <translation>A site code is 1 to 32 ASCII letters and digits.</translation>
    </message>
    <message>
        <source>The site needs a name.</source>
        <translation>The site needs a name.</translation>
    </message>
    <message>
        <source>The level must be city, town or village.</source>
        <translation>The level must be city, town or village.</translation>
    </message>
    <message>
        <source>The site cannot be added.</source>
        <translation>The site cannot be added.</translation>
    </message>
    <message>
        <source>The site %1 (or its login role) exists already.</source>
        <translation>The site %1 (or its login role) exists already.</translation>
    </message>
    <message>
        <source>%1 version %2 is already published with other content; give the changed entry a new version number. Nothing was published.</source>
        <translation>%1 version %2 is already published with other content; give the changed entry a new version number. Nothing was published.</translation>
    </message>
    <message>
        <source>%1 version %2 is older than the version already published. Nothing was published.</source>
        <translation>%1 version %2 is older than the version already published. Nothing was published.</translation>
    </message>
    <message>
        <source>The credit grade must be A, B, C or blacklist, not %1.</source>
        <translation>The credit grade must be A, B, C or blacklist, not %1.</translation>
    </message>
    <message>
        <source>%1 is not a unified social credit code.</source>
        <translation>%1 is not a unified social credit code.</translation>
    </message>
    <message>
        <source>There is no case status %1.</source>
        <translation>There is no case status %1.</translation>
    </message>
    <message>
        <source>Say who decided (--by NAME).</source>
        <translation>Say who decided (--by NAME).</translation>
    </message>
    <message>
        <source>There is no case %1 in the central database.</source>
        <translation>There is no case %1 in the central database.</translation>
    </message>
    <message>
        <source>The calendar file %1 lists no days.</source>
        <translation>The calendar file %1 lists no days.</translation>
    </message>
    <message>
        <source>The password could not be encrypted.</source>
        <translation>The password could not be encrypted.</translation>
    </message>
    <message>
        <source>Setting up PgBouncer&apos;s login needs a superuser: the function it creates reads the password verifiers in pg_shadow. Connect as the administrator (a superuser) and run it again.</source>
        <translation>Setting up PgBouncer&apos;s login needs a superuser: the function it creates reads the password verifiers in pg_shadow. Connect as the administrator (a superuser) and run it again.</translation>
    </message>
    <message>
        <source>The role pgbouncer exists and is a superuser; PgBouncer&apos;s login must not be one. Nothing was changed.</source>
        <translation>The role pgbouncer exists and is a superuser; PgBouncer&apos;s login must not be one. Nothing was changed.</translation>
    </message>
</context>
<context>
    <name>ow::CentralConnection</name>
    <message>
        <source>No central database given: use --central URL or set ONEWINDOW_CENTRAL_URL.</source>
        <translation>No central database given: use --central URL or set ONEWINDOW_CENTRAL_URL.</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver (QPSQL) is not installed.</source>
        <translation>Qt&apos;s PostgreSQL driver (QPSQL) is not installed.</translation>
    </message>
    <message>
        <source>Cannot connect to the central database %1: %2</source>
        <translation>Cannot connect to the central database %1: %2</translation>
    </message>
    <message>
        <source>The central database returned no answer.</source>
        <translation>The central database returned no answer.</translation>
    </message>
    <message>
        <source>The central database returned JSON that cannot be read: %1</source>
        <translation>The central database returned JSON that cannot be read: %1</translation>
    </message>
    <message>
        <source>The central database reported an error: %1</source>
        <translation>The central database reported an error: %1</translation>
    </message>
    <message>
        <source>The connection to the central database is not a libpq connection.</source>
        <translation>The connection to the central database is not a libpq connection.</translation>
    </message>
    <message>
        <source>The password could not be encrypted: %1</source>
        <translation>The password could not be encrypted: %1</translation>
    </message>
    <message>
        <source>No transaction is open.</source>
        <translation>No transaction is open.</translation>
    </message>
    <message>
        <source>The connection to the central database is not open.</source>
        <translation>The connection to the central database is not open.</translation>
    </message>
    <message>
        <source>The central database address names no host.</source>
        <translation>The central database address names no host.</translation>
    </message>
    <message>
        <source>The central database address names no user.</source>
        <translation>The central database address names no user.</translation>
    </message>
    <message>
        <source>The central database address must look like postgresql://user:password@host:5432/database?sslmode=verify-full (or, for a primary and its standbys, postgresql://user:password@host1:5432,host2:5432/database?target_session_attrs=read-write).</source>
        <translation>The central database address must look like postgresql://user:password@host:5432/database?sslmode=verify-full (or, for a primary and its standbys, postgresql://user:password@host1:5432,host2:5432/database?target_session_attrs=read-write).</translation>
    </message>
</context>
<context>
    <name>ow::CentralMigrations</name>
    <message>
        <source>The database %1 has schemas named ow or ow_api but no OneWindow version table. It was left untouched.</source>
        <translation>The database %1 has schemas named ow or ow_api but no OneWindow version table. It was left untouched.</translation>
    </message>
    <message>
        <source>Migration %1 is missing from this build.</source>
        <translation>Migration %1 is missing from this build.</translation>
    </message>
    <message>
        <source>Central migration %1 failed: %2</source>
        <translation>Central migration %1 failed: %2</translation>
    </message>
    <message>
        <source>The central database was migrated by a newer version of OneWindow (schema %1; this program knows up to %2). Nothing was changed; use the newer version.</source>
        <translation>The central database was migrated by a newer version of OneWindow (schema %1; this program knows up to %2). Nothing was changed; use the newer version.</translation>
    </message>
</context>
<context>
    <name>ow::CentralPages</name>
    <message>
        <source>There is no case %1 in the central database.</source>
        <translation>There is no case %1 in the central database.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>The centre has no page %1.</source>
        <translation>The centre has no page %1.</translation>
    </message>
    <message>
        <source>The page %1 read from the centre does not match its hash.</source>
        <translation>The page %1 read from the centre does not match its hash.</translation>
    </message>
</context>
<context>
    <name>ow::CentreSettings</name>
    <message>
        <source>There is no centre setting %1. The settings are: %2.</source>
        <translation>There is no centre setting %1. The settings are: %2.</translation>
    </message>
    <message>
        <source>The setting %1 is a whole number from %2 to %3; &quot;%4&quot; is not.</source>
        <translation>The setting %1 is a whole number from %2 to %3; &quot;%4&quot; is not.</translation>
    </message>
    <message>
        <source>The setting %1 may not be empty: every document prints it.</source>
        <translation>The setting %1 may not be empty: every document prints it.</translation>
    </message>
    <message>
        <source>The setting queryUrl is an http or https address holding {case} where the case number goes, e.g. https://zwfw.example.gov.cn/query?case={case}; &quot;%1&quot; is not.</source>
        <translation>The setting queryUrl is an http or https address holding {case} where the case number goes, e.g. https://zwfw.example.gov.cn/query?case={case}; &quot;%1&quot; is not.</translation>
    </message>
    <message>
        <source>the centre&apos;s name, printed as the issuer</source>
        <translation>the centre&apos;s name, printed as the issuer</translation>
    </message>
    <message>
        <source>the centre&apos;s address</source>
        <translation>the centre&apos;s address</translation>
    </message>
    <message>
        <source>the centre&apos;s postcode (sender of EMS slips)</source>
        <translation>the centre&apos;s postcode (sender of EMS slips)</translation>
    </message>
    <message>
        <source>the centre&apos;s phone</source>
        <translation>the centre&apos;s phone</translation>
    </message>
    <message>
        <source>the phone for questions about a case</source>
        <translation>the phone for questions about a case</translation>
    </message>
    <message>
        <source>opening hours</source>
        <translation>opening hours</translation>
    </message>
    <message>
        <source>the text of the centre&apos;s seal</source>
        <translation>the text of the centre&apos;s seal</translation>
    </message>
    <message>
        <source>the progress query page, {case} for the case number; empty: the QR code holds the case number</source>
        <translation>the progress query page, {case} for the case number; empty: the QR code holds the case number</translation>
    </message>
    <message>
        <source>where an applicant may seek administrative review</source>
        <translation>where an applicant may seek administrative review</translation>
    </message>
    <message>
        <source>the court for administrative litigation</source>
        <translation>the court for administrative litigation</translation>
    </message>
    <message>
        <source>where results are collected</source>
        <translation>where results are collected</translation>
    </message>
    <message>
        <source>the issuer&apos;s abbreviation in document numbers</source>
        <translation>the issuer&apos;s abbreviation in document numbers</translation>
    </message>
    <message>
        <source>working days to bring what a one-time notice lists</source>
        <translation>working days to bring what a one-time notice lists</translation>
    </message>
    <message>
        <source>days a result waits for collection</source>
        <translation>days a result waits for collection</translation>
    </message>
    <message>
        <source>The stored centre setting %1 is not valid: %2</source>
        <translation>The stored centre setting %1 is not valid: %2</translation>
    </message>
    <message>
        <source>The settings were not saved.</source>
        <translation>The settings were not saved.</translation>
    </message>
    <message>
        <source>The setting %1: %2</source>
        <translation>The setting %1: %2</translation>
    </message>
</context>
<context>
    <name>ow::Checklist</name>
    <message>
        <source>The material &quot;%1&quot; is not on the checklist of the chosen items.</source>
        <translation>The material &quot;%1&quot; is not on the checklist of the chosen items.</translation>
    </message>
    <message>
        <source>The number of copies of &quot;%1&quot; must be 1 to 999.</source>
        <translation>The number of copies of &quot;%1&quot; must be 1 to 999.</translation>
    </message>
    <message>
        <source>The material &quot;%1&quot; is not on file: say where it is reused from.</source>
        <translation>The material &quot;%1&quot; is not on file: say where it is reused from.</translation>
    </message>
    <message>
        <source>Say what is wrong with &quot;%1&quot;.</source>
        <translation>Say what is wrong with &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>brought as %1; %2 is required</source>
        <translation>brought as %1; %2 is required</translation>
    </message>
    <message>
        <source>%1 of %2 copies brought</source>
        <translation>%1 of %2 copies brought</translation>
    </message>
    <message>
        <source>%1: %2, %3 copies</source>
        <translation>%1: %2, %3 copies</translation>
    </message>
    <message>
        <source>; %1</source>
        <translation>; %1</translation>
    </message>
    <message>
        <source>original</source>
        <translation>original</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>copy</translation>
    </message>
    <message>
        <source>electronic</source>
        <translation>electronic</translation>
    </message>
    <message>
        <source>original and copy</source>
        <translation>original and copy</translation>
    </message>
</context>
<context>
    <name>ow::CompletionNotice</name>
    <message>
        <source>Notice of Completion and Collection</source>
        <translation>Notice of Completion and Collection</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>No. %1</translation>
    </message>
    <message>
        <source>To %1:</source>
        <translation>To %1:</translation>
    </message>
    <message>
        <source>Your application for &quot;%2&quot; accepted on %1 (case number %3) was completed on %4. The result is as follows:</source>
        <extracomment>您于%1申请的“%2”（办件编号：%3）已于%4办结。办理结果如下：</extracomment>
        <translation>Your application for &quot;%2&quot; accepted on %1 (case number %3) was completed on %4. The result is as follows:</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>Completed on</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Results issued</source>
        <translation>Results issued</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Licence or certificate</source>
        <translation>Licence or certificate</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Mailing</source>
        <translation>Mailing</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>Collection</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>Waybill</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Collect by</source>
        <translation>Collect by</translation>
    </message>
    <message>
        <source>Please bring</source>
        <translation>Please bring</translation>
    </message>
    <message>
        <source>Someone collecting for you must bring your written authorisation and their own ID document. Questions: call %1.</source>
        <extracomment>委托他人领取的，受托人须同时携带授权委托书及本人身份证件。如有疑问，请拨打%1。</extracomment>
        <translation>Someone collecting for you must bring your written authorisation and their own ID document. Questions: call %1.</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Collected by (signature):</source>
        <translation>Collected by (signature):</translation>
    </message>
    <message>
        <source>Issued by (signature):</source>
        <translation>Issued by (signature):</translation>
    </message>
    <message>
        <source>Centre seal:</source>
        <translation>Centre seal:</translation>
    </message>
</context>
<context>
    <name>ow::Condition</name>
    <message>
        <source>a condition</source>
        <translation>a condition</translation>
    </message>
    <message>
        <source>&quot;&amp;&amp;&quot;, &quot;||&quot; or the end of the condition</source>
        <translation>&quot;&amp;&amp;&quot;, &quot;||&quot; or the end of the condition</translation>
    </message>
    <message>
        <source>the end of the condition</source>
        <translation>the end of the condition</translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation>expected %1, found %2</translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation>Column %1: %2</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>column %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an operator; write &quot;%1%1&quot;</source>
        <translation>&quot;%1&quot; is not an operator; write &quot;%1%1&quot;</translation>
    </message>
    <message>
        <source>unexpected character &quot;%1&quot;</source>
        <translation>unexpected character &quot;%1&quot;</translation>
    </message>
    <message>
        <source>unknown escape &quot;\%1&quot; in a string</source>
        <translation>unknown escape &quot;\%1&quot; in a string</translation>
    </message>
    <message>
        <source>the string is not closed</source>
        <translation>the string is not closed</translation>
    </message>
    <message>
        <source>the condition is nested too deeply</source>
        <translation>the condition is nested too deeply</translation>
    </message>
    <message>
        <source>&quot;[&quot; opening a list</source>
        <translation>&quot;[&quot; opening a list</translation>
    </message>
    <message>
        <source>&quot;,&quot; or &quot;]&quot;</source>
        <translation>&quot;,&quot; or &quot;]&quot;</translation>
    </message>
    <message>
        <source>&quot;)&quot;</source>
        <translation>&quot;)&quot;</translation>
    </message>
    <message>
        <source>a name, a string, a number, true, false or &quot;(&quot;</source>
        <translation>a name, a string, a number, true, false or &quot;(&quot;</translation>
    </message>
</context>
<context>
    <name>ow::ConsultationService</name>
    <message>
        <source>A consultation comes at the counter or by phone (counter, phone), not %1.</source>
        <translation>A consultation comes at the counter or by phone (counter, phone), not %1.</translation>
    </message>
    <message>
        <source>Say what the consultation was about (the topic).</source>
        <translation>Say what the consultation was about (the topic).</translation>
    </message>
    <message>
        <source>There is no item %1 in the catalogue.</source>
        <translation>There is no item %1 in the catalogue.</translation>
    </message>
    <message numerus="yes">
        <source>The consultation cannot be logged: %n field(s) to correct.</source>
        <translation>
            <numerusform>The consultation cannot be logged: %n field(s) to correct.</numerusform>
            <numerusform>The consultation cannot be logged: %n field(s) to correct.</numerusform>
        </translation>
    </message>
    <message>
        <source>Name the site the consultation was at (--site).</source>
        <translation>Name the site the consultation was at (--site).</translation>
    </message>
</context>
<context>
    <name>ow::DailyLedger</name>
    <message>
        <source>Daily Ledger of the Window</source>
        <translation>Daily Ledger of the Window</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Service site</source>
        <translation>Service site</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message numerus="yes">
        <source>Cases (%n)</source>
        <translation>
            <numerusform>Cases (%n)</numerusform>
            <numerusform>Cases (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message numerus="yes">
        <source>Mailings (%n)</source>
        <translation>
            <numerusform>Mailings (%n)</numerusform>
            <numerusform>Mailings (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>Waybill</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>Cases: %1. Mailings: %2. The clerk confirms that the entries above are complete and match the case files and the waybills.</source>
        <translation>Cases: %1. Mailings: %2. The clerk confirms that the entries above are complete and match the case files and the waybills.</translation>
    </message>
    <message>
        <source>Clerk (signature):</source>
        <translation>Clerk (signature):</translation>
    </message>
    <message>
        <source>Checked by (supervisor, signature):</source>
        <translation>Checked by (supervisor, signature):</translation>
    </message>
    <message>
        <source>Handed over to (courier, signature):</source>
        <translation>Handed over to (courier, signature):</translation>
    </message>
</context>
<context>
    <name>ow::Database</name>
    <message>
        <source>The store %1 is a directory, not a file.</source>
        <translation>The store %1 is a directory, not a file.</translation>
    </message>
    <message>
        <source>The store %1 cannot be read: %2</source>
        <translation>The store %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>The file %1 is not a OneWindow store (not an SQLite database). It was left untouched; move it away or choose another data directory.</source>
        <translation>The file %1 is not a OneWindow store (not an SQLite database). It was left untouched; move it away or choose another data directory.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Cannot create the folder %1.</translation>
    </message>
    <message>
        <source>The store %1 was written by a newer version of OneWindow (schema %2; this program knows up to %3). Nothing was changed; install the newer version.</source>
        <translation>The store %1 was written by a newer version of OneWindow (schema %2; this program knows up to %3). Nothing was changed; install the newer version.</translation>
    </message>
    <message>
        <source>The file %1 is an SQLite database but not a OneWindow store. It was left untouched.</source>
        <translation>The file %1 is an SQLite database but not a OneWindow store. It was left untouched.</translation>
    </message>
    <message>
        <source>Migration %1 is missing from this build.</source>
        <translation>Migration %1 is missing from this build.</translation>
    </message>
    <message>
        <source>Migration %1 failed: %2</source>
        <translation>Migration %1 failed: %2</translation>
    </message>
    <message>
        <source>The store %1 reported an error: %2</source>
        <translation>The store %1 reported an error: %2</translation>
    </message>
    <message>
        <source>No transaction is open.</source>
        <translation>No transaction is open.</translation>
    </message>
    <message>
        <source>The store %1 is read-only here (a read-only medium, or a file or folder this account may not write): nothing was written. Reading it works. To work on it, give this account write access to the file and its folder, or copy the folder to a writable place. The store is not damaged.</source>
        <translation>The store %1 is read-only here (a read-only medium, or a file or folder this account may not write): nothing was written. Reading it works. To work on it, give this account write access to the file and its folder, or copy the folder to a writable place. The store is not damaged.</translation>
    </message>
    <message>
        <source>This account may not use the store %1 (permission denied: %2). Nothing was changed. Give this account read and write access to the file and its folder. The store is not damaged: do not restore a backup over it.</source>
        <translation>This account may not use the store %1 (permission denied: %2). Nothing was changed. Give this account read and write access to the file and its folder. The store is not damaged: do not restore a backup over it.</translation>
    </message>
    <message>
        <source>The disk holding the store %1 is full: nothing was written. Free some space on it and try again. The store is not damaged: do not restore a backup over it.</source>
        <translation>The disk holding the store %1 is full: nothing was written. Free some space on it and try again. The store is not damaged: do not restore a backup over it.</translation>
    </message>
    <message>
        <source>The store %1 is in use by another program (another OneWindow, or a copy being taken) that did not let go of it within 5 seconds: nothing was written. Close the other program or wait for it to finish, then try again. The store is not damaged.</source>
        <translation>The store %1 is in use by another program (another OneWindow, or a copy being taken) that did not let go of it within 5 seconds: nothing was written. Close the other program or wait for it to finish, then try again. The store is not damaged.</translation>
    </message>
    <message>
        <source>The store %1 is damaged (%2). Nothing more is written to it. Keep the file as it is and restore the latest backup of this PC&apos;s store.</source>
        <translation>The store %1 is damaged (%2). Nothing more is written to it. Keep the file as it is and restore the latest backup of this PC&apos;s store.</translation>
    </message>
    <message>
        <source>The store %1 could not be read or written (input/output error: %2): nothing was written. The disk or medium may be failing or was removed: check it first. The store itself may be intact: do not restore a backup over it yet.</source>
        <translation>The store %1 could not be read or written (input/output error: %2): nothing was written. The disk or medium may be failing or was removed: check it first. The store itself may be intact: do not restore a backup over it yet.</translation>
    </message>
    <message>
        <source>The store %1 cannot be opened (%2): its folder may be missing or not writable, or its medium was removed. Check the folder and its permissions. The store is not damaged.</source>
        <translation>The store %1 cannot be opened (%2): its folder may be missing or not writable, or its medium was removed. Check the folder and its permissions. The store is not damaged.</translation>
    </message>
    <message>
        <source>The store %1 is damaged: SQLite found a damaged page in it, and nothing more is written to it. Keep the file as it is and restore the latest backup of this PC&apos;s store.</source>
        <translation>The store %1 is damaged: SQLite found a damaged page in it, and nothing more is written to it. Keep the file as it is and restore the latest backup of this PC&apos;s store.</translation>
    </message>
    <message>
        <source>The store %1 is an empty file (0 bytes): it holds no case and was left as it is. If this PC held cases, restore the latest backup of its store in its place. To start a new store on purpose, move the empty file away (or delete it): the next start creates a new one.</source>
        <translation>The store %1 is an empty file (0 bytes): it holds no case and was left as it is. If this PC held cases, restore the latest backup of its store in its place. To start a new store on purpose, move the empty file away (or delete it): the next start creates a new one.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be written by this account: no store can be created in it. Give this account write access to it, or choose another data directory.</source>
        <translation>The folder %1 cannot be written by this account: no store can be created in it. Give this account write access to it, or choose another data directory.</translation>
    </message>
    <message>
        <source>The store %1 is on a read-only medium or in a folder this account may not write, and its last writes are still in its journal (%2), which cannot be read there. Nothing was changed. Copy the whole folder to a writable place and open the store there. The store is not damaged.</source>
        <translation>The store %1 is on a read-only medium or in a folder this account may not write, and its last writes are still in its journal (%2), which cannot be read there. Nothing was changed. Copy the whole folder to a writable place and open the store there. The store is not damaged.</translation>
    </message>
    <message>
        <source>The store %1 is read-only here and was written by an older version of OneWindow (schema %2; this program needs %3): it must be brought up to date, which writes to it. Nothing was changed. Give this account write access to the file and its folder, or copy the folder to a writable place.</source>
        <translation>The store %1 is read-only here and was written by an older version of OneWindow (schema %2; this program needs %3): it must be brought up to date, which writes to it. Nothing was changed. Give this account write access to the file and its folder, or copy the folder to a writable place.</translation>
    </message>
</context>
<context>
    <name>ow::Document</name>
    <message>
        <source>yyyy-MM-dd</source>
        <extracomment>A QDate format; Chinese: yyyy年M月d日</extracomment>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <extracomment>A QDateTime format; Chinese: yyyy年M月d日 HH:mm</extracomment>
        <translation>yyyy-MM-dd HH:mm</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Electronic</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <source>Original and copy</source>
        <translation>Original and copy</translation>
    </message>
    <message>
        <source>Collect at the window</source>
        <translation>Collect at the window</translation>
    </message>
    <message>
        <source>EMS delivery (free)</source>
        <translation>EMS delivery (free)</translation>
    </message>
    <message>
        <source>Collect from the self-service locker</source>
        <translation>Collect from the self-service locker</translation>
    </message>
    <message>
        <source>Free of charge</source>
        <translation>Free of charge</translation>
    </message>
    <message>
        <source>CNY %1</source>
        <translation>CNY %1</translation>
    </message>
    <message>
        <source>COPY</source>
        <extracomment>Printed on every page of a reprint; Chinese: 副本</extracomment>
        <translation>COPY</translation>
    </message>
    <message>
        <source>Postcode %1</source>
        <translation>Postcode %1</translation>
    </message>
    <message>
        <source>Cannot write the PDF: %1</source>
        <translation>Cannot write the PDF: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Check code %1</source>
        <extracomment>At the foot of every page; Chinese: 校验码 %1</extracomment>
        <translation>Check code %1</translation>
    </message>
</context>
<context>
    <name>ow::Form</name>
    <message>
        <source>No chosen item asks for the field &quot;%1&quot;.</source>
        <translation>No chosen item asks for the field &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 is required.</translation>
    </message>
    <message>
        <source>%1 does not have the expected format.</source>
        <translation>%1 does not have the expected format.</translation>
    </message>
    <message>
        <source>%1 must be a number.</source>
        <translation>%1 must be a number.</translation>
    </message>
    <message>
        <source>%1 must be one of: %2.</source>
        <translation>%1 must be one of: %2.</translation>
    </message>
    <message>
        <source>%1 must be yes or no.</source>
        <translation>%1 must be yes or no.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is longer than %2 characters (%3).</source>
        <translation>%1 is longer than %2 characters (%3).</translation>
    </message>
    <message>
        <source>%1 must be a real date written YYYY-MM-DD (2026-12-01).</source>
        <translation>%1 must be a real date written YYYY-MM-DD (2026-12-01).</translation>
    </message>
</context>
<context>
    <name>ow::Intake</name>
    <message>
        <source>The item %1 is already part of this intake.</source>
        <translation>The item %1 is already part of this intake.</translation>
    </message>
    <message>
        <source>The joint item %1 is retired.</source>
        <translation>The joint item %1 is retired.</translation>
    </message>
    <message>
        <source>The joint item %1 has a member %2 that cannot be accepted now.</source>
        <translation>The joint item %1 has a member %2 that cannot be accepted now.</translation>
    </message>
    <message>
        <source>The item %1 of the joint item %2 is already part of this intake.</source>
        <translation>The item %1 of the joint item %2 is already part of this intake.</translation>
    </message>
    <message>
        <source>The item %1 is retired or not in effect on %2.</source>
        <translation>The item %1 is retired or not in effect on %2.</translation>
    </message>
    <message>
        <source>There is no item with the code %1 in the catalogue.</source>
        <translation>There is no item with the code %1 in the catalogue.</translation>
    </message>
    <message>
        <source>The item %1 is not part of this intake.</source>
        <translation>The item %1 is not part of this intake.</translation>
    </message>
    <message>
        <source>Related to %1.</source>
        <translation>Related to %1.</translation>
    </message>
</context>
<context>
    <name>ow::IntakeRequest</name>
    <message>
        <source>&quot;format&quot; is &quot;onewindow-intake&quot; when given.</source>
        <translation>&quot;format&quot; is &quot;onewindow-intake&quot; when given.</translation>
    </message>
    <message>
        <source>&quot;items&quot; must be an array of item codes.</source>
        <translation>&quot;items&quot; must be an array of item codes.</translation>
    </message>
    <message>
        <source>An item is given by its code (a string).</source>
        <translation>An item is given by its code (a string).</translation>
    </message>
    <message>
        <source>&quot;materials&quot; must be an array.</source>
        <translation>&quot;materials&quot; must be an array.</translation>
    </message>
    <message>
        <source>A material is an object.</source>
        <translation>A material is an object.</translation>
    </message>
    <message>
        <source>The material &quot;%1&quot; is given twice.</source>
        <translation>The material &quot;%1&quot; is given twice.</translation>
    </message>
    <message>
        <source>A form value is a string, a number or true/false.</source>
        <translation>A form value is a string, a number or true/false.</translation>
    </message>
    <message>
        <source>&quot;kind&quot; is &quot;accept&quot;, &quot;correct&quot; or &quot;refuse&quot;.</source>
        <translation>&quot;kind&quot; is &quot;accept&quot;, &quot;correct&quot; or &quot;refuse&quot;.</translation>
    </message>
    <message numerus="yes">
        <source>The intake document has %n problem(s).</source>
        <translation>
            <numerusform>The intake document has %n problem.</numerusform>
            <numerusform>The intake document has %n problems.</numerusform>
        </translation>
    </message>
    <message>
        <source>The intake cannot be built as given.</source>
        <translation>The intake cannot be built as given.</translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot;.</source>
        <translation>Unknown field &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is required.</source>
        <translation>&quot;%1&quot; is required.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string.</source>
        <translation>&quot;%1&quot; must be a string.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must not be empty.</source>
        <translation>&quot;%1&quot; must not be empty.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than %2 characters.</source>
        <translation>&quot;%1&quot; is longer than %2 characters.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true or false.</source>
        <translation>&quot;%1&quot; must be true or false.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from %2 to %3.</source>
        <translation>&quot;%1&quot; must be a whole number from %2 to %3.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of: %2.</source>
        <translation>&quot;%1&quot; is not one of: %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object.</source>
        <translation>&quot;%1&quot; must be an object.</translation>
    </message>
    <message>
        <source>&quot;sex&quot; is &quot;male&quot; or &quot;female&quot;.</source>
        <translation>&quot;sex&quot; is &quot;male&quot; or &quot;female&quot;.</translation>
    </message>
    <message>
        <source>A natural person has no credit code: set &quot;kind&quot; to &quot;legal&quot;.</source>
        <translation>A natural person has no credit code: set &quot;kind&quot; to &quot;legal&quot;.</translation>
    </message>
    <message>
        <source>A defective material says what is wrong in &quot;reason&quot;.</source>
        <translation>A defective material says what is wrong in &quot;reason&quot;.</translation>
    </message>
    <message>
        <source>&quot;birthDate&quot; must be a real date written YYYY-MM-DD (1970-03-14).</source>
        <translation>&quot;birthDate&quot; must be a real date written YYYY-MM-DD (1970-03-14).</translation>
    </message>
    <message>
        <source>A field key: %1</source>
        <translation>A field key: %1</translation>
    </message>
    <message>
        <source>&quot;requestId&quot; must not be empty when given.</source>
        <translation>&quot;requestId&quot; must not be empty when given.</translation>
    </message>
</context>
<context>
    <name>ow::IntakeService</name>
    <message>
        <source>The case %1 was not found after being written.</source>
        <translation>The case %1 was not found after being written.</translation>
    </message>
    <message>
        <source>Credit grade A: green channel (绿色通道) for %1.</source>
        <translation>Credit grade A: green channel (绿色通道) for %1.</translation>
    </message>
    <message>
        <source>Credit grade B: give %1 guidance.</source>
        <translation>Credit grade B: give %1 guidance.</translation>
    </message>
    <message>
        <source>Credit grade C: %1 is under watch. Acknowledge before acceptance.</source>
        <translation>Credit grade C: %1 is under watch. Acknowledge before acceptance.</translation>
    </message>
    <message>
        <source>%1 is on the credit blacklist. Acknowledge before acceptance.</source>
        <translation>%1 is on the credit blacklist. Acknowledge before acceptance.</translation>
    </message>
    <message>
        <source>The credit code %1 fails its check character: a supervisor must override, with a reason, before acceptance.</source>
        <translation>The credit code %1 fails its check character: a supervisor must override, with a reason, before acceptance.</translation>
    </message>
    <message>
        <source>The site code &quot;%1&quot; is not valid: 1 to 32 letters and digits.</source>
        <translation>The site code &quot;%1&quot; is not valid: 1 to 32 letters and digits.</translation>
    </message>
    <message>
        <source>The clerk is not set.</source>
        <translation>The clerk is not set.</translation>
    </message>
    <message>
        <source>The applicant is not set.</source>
        <translation>The applicant is not set.</translation>
    </message>
    <message>
        <source>The unified social credit code of %1 is missing.</source>
        <translation>The unified social credit code of %1 is missing.</translation>
    </message>
    <message>
        <source>The ID number of %1 is missing.</source>
        <translation>The ID number of %1 is missing.</translation>
    </message>
    <message>
        <source>The agent&apos;s ID number is missing.</source>
        <translation>The agent&apos;s ID number is missing.</translation>
    </message>
    <message>
        <source>No item is chosen.</source>
        <translation>No item is chosen.</translation>
    </message>
    <message>
        <source>The item %1 (%2) is not handled at a %3-level site and is not a 无差别 item.</source>
        <translation>The item %1 (%2) is not handled at a %3-level site and is not a 无差别 item.</translation>
    </message>
    <message>
        <source>The result of %1 (%2) cannot be delivered by %3.</source>
        <translation>The result of %1 (%2) cannot be delivered by %3.</translation>
    </message>
    <message>
        <source>EMS delivery needs the mailing address.</source>
        <translation>EMS delivery needs the mailing address.</translation>
    </message>
    <message>
        <source>EMS delivery needs the recipient&apos;s phone.</source>
        <translation>EMS delivery needs the recipient&apos;s phone.</translation>
    </message>
    <message>
        <source>Locker delivery needs the locker.</source>
        <translation>Locker delivery needs the locker.</translation>
    </message>
    <message>
        <source>An override names the supervisor and the reason.</source>
        <translation>An override names the supervisor and the reason.</translation>
    </message>
    <message>
        <source>The applicant&apos;s credit stops acceptance until it is acknowledged or overridden.</source>
        <translation>The applicant&apos;s credit stops acceptance until it is acknowledged or overridden.</translation>
    </message>
    <message>
        <source>The intake cannot be accepted yet.</source>
        <translation>The intake cannot be accepted yet.</translation>
    </message>
    <message>
        <source>Every required material is there: nothing to correct. Accept the intake instead.</source>
        <translation>Every required material is there: nothing to correct. Accept the intake instead.</translation>
    </message>
    <message>
        <source>The correction request cannot be recorded.</source>
        <translation>The correction request cannot be recorded.</translation>
    </message>
    <message>
        <source>A refusal states its reason.</source>
        <translation>A refusal states its reason.</translation>
    </message>
    <message>
        <source>A refusal states its legal basis.</source>
        <translation>A refusal states its legal basis.</translation>
    </message>
    <message>
        <source>The matter is not an item of this hall: name the competent body the applicant should turn to.</source>
        <translation>The matter is not an item of this hall: name the competent body the applicant should turn to.</translation>
    </message>
    <message>
        <source>The refusal cannot be recorded.</source>
        <translation>The refusal cannot be recorded.</translation>
    </message>
    <message>
        <source>city</source>
        <translation>city</translation>
    </message>
    <message>
        <source>town</source>
        <translation>town</translation>
    </message>
    <message>
        <source>village</source>
        <translation>village</translation>
    </message>
    <message>
        <source>%1 may not accept the item %2 (%3): it is not among the items of their position.</source>
        <translation>%1 may not accept the item %2 (%3): it is not among the items of their position.</translation>
    </message>
    <message>
        <source>There is no correction notice with the number %1.</source>
        <translation>There is no correction notice with the number %1.</translation>
    </message>
    <message>
        <source>The correction %1 is no longer open: its case is %2.</source>
        <translation>The correction %1 is no longer open: its case is %2.</translation>
    </message>
    <message>
        <source>The applicant of the correction %1 is not in this store.</source>
        <translation>The applicant of the correction %1 is not in this store.</translation>
    </message>
    <message>
        <source>The material %1 is defective (%2): %3</source>
        <translation>The material %1 is defective (%2): %3</translation>
    </message>
    <message>
        <source>The material %1 is missing: %2</source>
        <translation>The material %1 is missing: %2</translation>
    </message>
    <message>
        <source>The material %1 is reused from the case %2, but there is no case with that number.</source>
        <translation>The material %1 is reused from the case %2, but there is no case with that number.</translation>
    </message>
    <message>
        <source>The material %1 is reused from the case %2, which is another applicant&apos;s.</source>
        <translation>The material %1 is reused from the case %2, which is another applicant&apos;s.</translation>
    </message>
    <message>
        <source>The material %1 is reused from &quot;%2&quot;: say case:&lt;case number&gt; or elicence:&lt;licence number&gt;.</source>
        <translation>The material %1 is reused from &quot;%2&quot;: say case:&lt;case number&gt; or elicence:&lt;licence number&gt;.</translation>
    </message>
    <message>
        <source>The birth date %1 is not the one of the ID number %2 (%3).</source>
        <translation>The birth date %1 is not the one of the ID number %2 (%3).</translation>
    </message>
    <message>
        <source>The ID number %1 is a man&apos;s (position 17 is odd), not a woman&apos;s.</source>
        <translation>The ID number %1 is a man&apos;s (position 17 is odd), not a woman&apos;s.</translation>
    </message>
    <message>
        <source>The ID number %1 is a woman&apos;s (position 17 is even), not a man&apos;s.</source>
        <translation>The ID number %1 is a woman&apos;s (position 17 is even), not a man&apos;s.</translation>
    </message>
</context>
<context>
    <name>ow::Mailing</name>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
</context>
<context>
    <name>ow::MailingCsv</name>
    <message>
        <source>Waybill</source>
        <translation>Waybill</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>Delivered on</source>
        <translation>Delivered on</translation>
    </message>
    <message>
        <source>Returned on</source>
        <translation>Returned on</translation>
    </message>
    <message>
        <source>Return reason</source>
        <translation>Return reason</translation>
    </message>
    <message>
        <source>Follow-up calls</source>
        <translation>Follow-up calls</translation>
    </message>
    <message>
        <source>Last follow-up</source>
        <translation>Last follow-up</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>reached</source>
        <translation>reached</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>not reached</translation>
    </message>
</context>
<context>
    <name>ow::MailingLedger</name>
    <message>
        <source>sent %1 to %2</source>
        <translation>sent %1 to %2</translation>
    </message>
    <message>
        <source>the first</source>
        <translation>the first</translation>
    </message>
    <message>
        <source>today</source>
        <translation>today</translation>
    </message>
    <message>
        <source>matching &quot;%1&quot;</source>
        <translation>matching &quot;%1&quot;</translation>
    </message>
    <message>
        <source>all mailings</source>
        <translation>all mailings</translation>
    </message>
    <message>
        <source>reached</source>
        <translation>reached</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>not reached</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>EMS Mailing Ledger</source>
        <translation>EMS Mailing Ledger</translation>
    </message>
    <message>
        <source>Service site</source>
        <translation>Service site</translation>
    </message>
    <message>
        <source>Mailings</source>
        <translation>Mailings</translation>
    </message>
    <message>
        <source>Printed by</source>
        <translation>Printed by</translation>
    </message>
    <message>
        <source>Printed at</source>
        <translation>Printed at</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>Waybill</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>Mailings: %1. Delivered: %2. Returned: %3. On the way: %4.</source>
        <translation>Mailings: %1. Delivered: %2. Returned: %3. On the way: %4.</translation>
    </message>
    <message>
        <source>Clerk (signature):</source>
        <translation>Clerk (signature):</translation>
    </message>
    <message>
        <source>Checked by (supervisor, signature):</source>
        <translation>Checked by (supervisor, signature):</translation>
    </message>
</context>
<context>
    <name>ow::MailingService</name>
    <message>
        <source>Case %1 is delivered by %2, not mailed by EMS.</source>
        <translation>Case %1 is delivered by %2, not mailed by EMS.</translation>
    </message>
    <message>
        <source>The waybill %1 was already recorded for case %2.</source>
        <translation>The waybill %1 was already recorded for case %2.</translation>
    </message>
    <message>
        <source>The EMS slip of case %1 was printed with the waybill %2, not %3: record the number on the slip, or print the slip again with the new number.</source>
        <translation>The EMS slip of case %1 was printed with the waybill %2, not %3: record the number on the slip, or print the slip again with the new number.</translation>
    </message>
    <message>
        <source>waybill %1</source>
        <translation>waybill %1</translation>
    </message>
    <message>
        <source>The date %1 is in the future.</source>
        <translation>The date %1 is in the future.</translation>
    </message>
    <message>
        <source>The date %1 is before the mailing was sent (%2).</source>
        <translation>The date %1 is before the mailing was sent (%2).</translation>
    </message>
    <message>
        <source>The mailing of case %1 is %2: only a mailing on its way can be delivered.</source>
        <translation>The mailing of case %1 is %2: only a mailing on its way can be delivered.</translation>
    </message>
    <message>
        <source>delivered by EMS on %1 (waybill %2)</source>
        <translation>delivered by EMS on %1 (waybill %2)</translation>
    </message>
    <message>
        <source>Give the reason the mailing of case %1 came back.</source>
        <translation>Give the reason the mailing of case %1 came back.</translation>
    </message>
    <message>
        <source>The mailing of case %1 is %2: only a mailing on its way can come back.</source>
        <translation>The mailing of case %1 is %2: only a mailing on its way can come back.</translation>
    </message>
    <message>
        <source>The mailing %1 came back: %2. Call the recipient and agree how the result reaches them.</source>
        <translation>The mailing %1 came back: %2. Call the recipient and agree how the result reaches them.</translation>
    </message>
    <message>
        <source>Note what the follow-up call of case %1 found (or why no one answered).</source>
        <translation>Note what the follow-up call of case %1 found (or why no one answered).</translation>
    </message>
    <message>
        <source>There is no case with the number %1.</source>
        <translation>There is no case with the number %1.</translation>
    </message>
    <message>
        <source>Case %1 has not been mailed: record its waybill first.</source>
        <translation>Case %1 has not been mailed: record its waybill first.</translation>
    </message>
    <message>
        <source>A mailing is sent, delivered or returned, not %1.</source>
        <translation>A mailing is sent, delivered or returned, not %1.</translation>
    </message>
    <message>
        <source>The period ends (%1) before it starts (%2).</source>
        <translation>The period ends (%1) before it starts (%2).</translation>
    </message>
</context>
<context>
    <name>ow::MailingSlip</name>
    <message>
        <source>Too long to print on the mailing label: %1</source>
        <translation>Too long to print on the mailing label: %1</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>Postcode: %1</source>
        <translation>Postcode: %1</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>Phone: %1</translation>
    </message>
    <message>
        <source>Case number: %1</source>
        <translation>Case number: %1</translation>
    </message>
    <message>
        <source>Government Service Express</source>
        <translation>Government Service Express</translation>
    </message>
    <message>
        <source>Received in good order (signature):</source>
        <translation>Received in good order (signature):</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Date:</translation>
    </message>
</context>
<context>
    <name>ow::MaterialPages</name>
    <message>
        <source>A page belongs to a material of a case or of an intake: name both.</source>
        <translation>A page belongs to a material of a case or of an intake: name both.</translation>
    </message>
    <message>
        <source>The material has %1 pages: there is no page %2 to move to place %3.</source>
        <translation>The material has %1 pages: there is no page %2 to move to place %3.</translation>
    </message>
    <message>
        <source>The new order must name each of the material&apos;s %1 pages once.</source>
        <translation>The new order must name each of the material&apos;s %1 pages once.</translation>
    </message>
    <message>
        <source>The material has %1 pages: there is no page %2.</source>
        <translation>The material has %1 pages: there is no page %2.</translation>
    </message>
</context>
<context>
    <name>ow::NonAcceptanceNotice</name>
    <message>
        <source>Notice of Non-Acceptance</source>
        <translation>Notice of Non-Acceptance</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>No. %1</translation>
    </message>
    <message>
        <source>Registration no.: %1</source>
        <translation>Registration no.: %1</translation>
    </message>
    <message>
        <source>To %1:</source>
        <translation>To %1:</translation>
    </message>
    <message>
        <source>On %1 you applied for &quot;%2&quot;. On examination, it has been decided not to accept the application, for the following reason:</source>
        <extracomment>您（单位）于%1提出的“%2”申请，经审查，决定不予受理。理由如下：</extracomment>
        <translation>On %1 you applied for &quot;%2&quot;. On examination, it has been decided not to accept the application, for the following reason:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>Competent body</source>
        <translation>Competent body</translation>
    </message>
    <message>
        <source>The matter applied for is by law not within the competence of this body. Please apply to %1.</source>
        <extracomment>该申请事项依法不属于本机关职权范围，请向%1提出申请。</extracomment>
        <translation>The matter applied for is by law not within the competence of this body. Please apply to %1.</translation>
    </message>
    <message>
        <source>Remedies</source>
        <translation>Remedies</translation>
    </message>
    <message>
        <source>If you do not accept this decision, you may apply to %1 for administrative reconsideration within sixty days from the day you receive this notice, or bring an administrative lawsuit before %2 within six months from the day you receive this notice.</source>
        <extracomment>如对本决定不服，可以自收到本通知书之日起六十日内向%1申请行政复议，或者自收到本通知书之日起六个月内向%2提起行政诉讼。</extracomment>
        <translation>If you do not accept this decision, you may apply to %1 for administrative reconsideration within sixty days from the day you receive this notice, or bring an administrative lawsuit before %2 within six months from the day you receive this notice.</translation>
    </message>
    <message>
        <source>Basis: article 20 of the Administrative Reconsideration Law and article 46 of the Administrative Procedure Law of the People&apos;s Republic of China.</source>
        <extracomment>依据：《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条。</extracomment>
        <translation>Basis: article 20 of the Administrative Reconsideration Law and article 46 of the Administrative Procedure Law of the People&apos;s Republic of China.</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Query phone</source>
        <translation>Query phone</translation>
    </message>
    <message>
        <source>Received by the applicant (signature):</source>
        <translation>Received by the applicant (signature):</translation>
    </message>
    <message>
        <source>Centre seal:</source>
        <translation>Centre seal:</translation>
    </message>
</context>
<context>
    <name>ow::OneTimeNotice</name>
    <message>
        <source>One-Time Notice of Materials to Supplement</source>
        <translation>One-Time Notice of Materials to Supplement</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>No. %1</translation>
    </message>
    <message>
        <source>Registration no.: %1</source>
        <translation>Registration no.: %1</translation>
    </message>
    <message>
        <source>To %1:</source>
        <translation>To %1:</translation>
    </message>
    <message>
        <source>On %1 you applied for &quot;%2&quot;. On examination, the application materials are incomplete or not in the statutory form. Under article 32 of the Administrative Licensing Law of the People&apos;s Republic of China, everything to be supplemented or corrected is listed below, once and in full:</source>
        <extracomment>您于%1申请的“%2”，经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，现将需要补正的全部内容一次性告知如下：</extracomment>
        <translation>On %1 you applied for &quot;%2&quot;. On examination, the application materials are incomplete or not in the statutory form. Under article 32 of the Administrative Licensing Law of the People&apos;s Republic of China, everything to be supplemented or corrected is listed below, once and in full:</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>What to bring</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>Defective</translation>
    </message>
    <message numerus="yes">
        <source>Materials to supplement or correct (%n item(s))</source>
        <translation>
            <numerusform>Materials to supplement or correct (%n item)</numerusform>
            <numerusform>Materials to supplement or correct (%n items)</numerusform>
        </translation>
    </message>
    <message>
        <source>Acceptance conditions</source>
        <translation>Acceptance conditions</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Please bring all the materials above to %2 by %1 (a working day). When they are complete and in the statutory form the application is accepted on the spot. If they are not brought in time the application is treated as withdrawn; you may apply again.</source>
        <extracomment>请于%1前（工作日）携带上述全部材料到%2补正。补正材料齐全、符合法定形式的，本中心当场受理。逾期未补正的，视为放弃申请，您可重新提出申请。</extracomment>
        <translation>Please bring all the materials above to %2 by %1 (a working day). When they are complete and in the statutory form the application is accepted on the spot. If they are not brought in time the application is treated as withdrawn; you may apply again.</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Query phone</source>
        <translation>Query phone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>Issued on %1</source>
        <translation>Issued on %1</translation>
    </message>
    <message>
        <source>Received by the applicant (signature):</source>
        <translation>Received by the applicant (signature):</translation>
    </message>
    <message>
        <source>Clerk (signature):</source>
        <translation>Clerk (signature):</translation>
    </message>
    <message>
        <source>Centre seal:</source>
        <translation>Centre seal:</translation>
    </message>
</context>
<context>
    <name>ow::PageImage</name>
    <message>
        <source>The captured page is empty: no image came from the device.</source>
        <translation>The captured page is empty: no image came from the device.</translation>
    </message>
    <message>
        <source>The page of %1 × %2 pixels is larger than a page may be.</source>
        <translation>The page of %1 × %2 pixels is larger than a page may be.</translation>
    </message>
    <message>
        <source>The page could not be encoded as %1.</source>
        <translation>The page could not be encoded as %1.</translation>
    </message>
    <message>
        <source>%1 is not a JPEG, PNG or PDF file: it cannot be taken as a page.</source>
        <translation>%1 is not a JPEG, PNG or PDF file: it cannot be taken as a page.</translation>
    </message>
    <message>
        <source>%1: the image of %2 × %3 pixels is larger than a page may be.</source>
        <translation>%1: the image of %2 × %3 pixels is larger than a page may be.</translation>
    </message>
    <message>
        <source>%1 is damaged and cannot be read as an image: %2</source>
        <translation>%1 is damaged and cannot be read as an image: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1 is empty: there is no page in it.</source>
        <translation>%1 is empty: there is no page in it.</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB: it cannot be taken as pages.</source>
        <translation>%1 is larger than %2 MB: it cannot be taken as pages.</translation>
    </message>
    <message>
        <source>%1 is a protected PDF: open it without its password and save it again.</source>
        <translation>%1 is a protected PDF: open it without its password and save it again.</translation>
    </message>
    <message>
        <source>%1 is damaged and cannot be read as a PDF.</source>
        <translation>%1 is damaged and cannot be read as a PDF.</translation>
    </message>
    <message>
        <source>%1, page %2: the page is larger than a page may be at %3 dpi.</source>
        <translation>%1, page %2: the page is larger than a page may be at %3 dpi.</translation>
    </message>
    <message>
        <source>%1, page %2 cannot be rendered.</source>
        <translation>%1, page %2 cannot be rendered.</translation>
    </message>
</context>
<context>
    <name>ow::PageLayout</name>
    <message>
        <source>Date:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>The printer does not accept the page size %1.</source>
        <translation>The printer does not accept the page size %1.</translation>
    </message>
    <message>
        <source>Cannot start printing on the chosen device.</source>
        <translation>Cannot start printing on the chosen device.</translation>
    </message>
    <message>
        <source>The printer refused a new page.</source>
        <translation>The printer refused a new page.</translation>
    </message>
    <message>
        <source>Printing did not finish.</source>
        <translation>Printing did not finish.</translation>
    </message>
</context>
<context>
    <name>ow::PageStore</name>
    <message>
        <source> The disk holding the data folder is full: free space and capture the page again.</source>
        <translation> The disk holding the data folder is full: free space and capture the page again.</translation>
    </message>
    <message>
        <source>The page could not be stored: %1 %2 failed: %3.%4 The material&apos;s pages were left as they were.</source>
        <translation>The page could not be stored: %1 %2 failed: %3.%4 The material&apos;s pages were left as they were.</translation>
    </message>
    <message>
        <source>creating the folder</source>
        <translation>creating the folder</translation>
    </message>
    <message>
        <source>creating</source>
        <translation>creating</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>writing</translation>
    </message>
    <message>
        <source>renaming to</source>
        <translation>renaming to</translation>
    </message>
    <message>
        <source>flushing the folder</source>
        <translation>flushing the folder</translation>
    </message>
    <message>
        <source>The page file %1 cannot be read: %2</source>
        <translation>The page file %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>The page file %1 is damaged: its content does not match its name.</source>
        <translation>The page file %1 is damaged: its content does not match its name.</translation>
    </message>
</context>
<context>
    <name>ow::PageUploader</name>
    <message>
        <source>The page %1 cannot be read to send it: %2</source>
        <translation>The page %1 cannot be read to send it: %2</translation>
    </message>
    <message>
        <source>The page %1 is shorter than recorded.</source>
        <translation>The page %1 is shorter than recorded.</translation>
    </message>
</context>
<context>
    <name>ow::PasswordHash</name>
    <message>
        <source>The password library could not start.</source>
        <translation>The password library could not start.</translation>
    </message>
    <message>
        <source>Not enough memory to protect the password.</source>
        <translation>Not enough memory to protect the password.</translation>
    </message>
</context>
<context>
    <name>ow::PdfUpdate</name>
    <message>
        <source>The PDF writer produced a file that cannot be read.</source>
        <translation>The PDF writer produced a file that cannot be read.</translation>
    </message>
</context>
<context>
    <name>ow::PgSyncGateway</name>
    <message>
        <source>The centre answered %1 of %2 operations.</source>
        <translation>The centre answered %1 of %2 operations.</translation>
    </message>
    <message>
        <source>No push is on its way to the centre.</source>
        <translation>No push is on its way to the centre.</translation>
    </message>
    <message>
        <source>The centre received page %1 with other bytes than its hash says; it is sent again.</source>
        <translation>The centre received page %1 with other bytes than its hash says; it is sent again.</translation>
    </message>
</context>
<context>
    <name>ow::PrintCommands</name>
    <message>
        <source>copy %1</source>
        <translation>copy %1</translation>
    </message>
    <message>
        <source>original</source>
        <translation>original</translation>
    </message>
    <message>
        <source>check code %1</source>
        <translation>check code %1</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>file %1</source>
        <translation>file %1</translation>
    </message>
    <message>
        <source>printer %1</source>
        <translation>printer %1</translation>
    </message>
    <message>
        <source>by %1 at %2/%3</source>
        <translation>by %1 at %2/%3</translation>
    </message>
    <message>
        <source>waybill %1</source>
        <translation>waybill %1</translation>
    </message>
    <message>
        <source>The document goes to a PDF file: give --pdf OUT.pdf.</source>
        <translation>The document goes to a PDF file: give --pdf OUT.pdf.</translation>
    </message>
    <message>
        <source>usage: %1</source>
        <translation>usage: %1</translation>
    </message>
    <message>
        <source>--waybill belongs to an EMS slip only.</source>
        <translation>--waybill belongs to an EMS slip only.</translation>
    </message>
    <message>
        <source>Cannot write %1: the folder %2 does not exist.</source>
        <translation>Cannot write %1: the folder %2 does not exist.</translation>
    </message>
    <message>
        <source>%1 is not a date: a daily ledger needs its day as yyyy-MM-dd, e.g. 2025-03-14.</source>
        <translation>%1 is not a date: a daily ledger needs its day as yyyy-MM-dd, e.g. 2025-03-14.</translation>
    </message>
    <message>
        <source>%1 of %2: %3, check code %4</source>
        <translation>%1 of %2: %3, check code %4</translation>
    </message>
    <message>
        <source>usage: onewindow-admin print verify CHECK_CODE</source>
        <translation>usage: onewindow-admin print verify CHECK_CODE</translation>
    </message>
    <message>
        <source>No printed document has the check code %1: the paper was not printed by this counter, or the code is misread.</source>
        <translation>No printed document has the check code %1: the paper was not printed by this counter, or the code is misread.</translation>
    </message>
    <message>
        <source>matches the record: the store still says what the paper says</source>
        <translation>matches the record: the store still says what the paper says</translation>
    </message>
    <message>
        <source>differs: the record has changed since this document was printed</source>
        <translation>differs: the record has changed since this document was printed</translation>
    </message>
    <message>
        <source>usage: onewindow-admin print journal CASE_OR_NOTICE_OR_WAYBILL|DATE</source>
        <translation>usage: onewindow-admin print journal CASE_OR_NOTICE_OR_WAYBILL|DATE</translation>
    </message>
    <message>
        <source>Nothing of %1 was printed.</source>
        <translation>Nothing of %1 was printed.</translation>
    </message>
    <message>
        <source>usage: onewindow-admin settings show | set KEY VALUE | reset KEY</source>
        <translation>usage: onewindow-admin settings show | set KEY VALUE | reset KEY</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(default)</translation>
    </message>
    <message>
        <source>cannot be checked: %1</source>
        <translation>cannot be checked: %1</translation>
    </message>
    <message>
        <source>Unknown document %1: use receipt, notice, refusal, completion, slip, ledger or archive.</source>
        <translation>Unknown document %1: use receipt, notice, refusal, completion, slip, ledger or archive.</translation>
    </message>
</context>
<context>
    <name>ow::PrintJournal</name>
    <message>
        <source>A print needs the case, notice or day it is of.</source>
        <translation>A print needs the case, notice or day it is of.</translation>
    </message>
    <message>
        <source>A print needs the clerk who prints it.</source>
        <translation>A print needs the clerk who prints it.</translation>
    </message>
    <message>
        <source>A PDF export needs a file name.</source>
        <translation>A PDF export needs a file name.</translation>
    </message>
    <message>
        <source>A print needs the printer&apos;s name.</source>
        <translation>A print needs the printer&apos;s name.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>A check code is the group of hexadecimal digits printed at the foot of each page (at least 8, e.g. 3f2a-09bc); &quot;%1&quot; is not.</source>
        <translation>A check code is the group of hexadecimal digits printed at the foot of each page (at least 8, e.g. 3f2a-09bc); &quot;%1&quot; is not.</translation>
    </message>
    <message>
        <source>It was printed in language %1 and can be checked only in that language, not in %2.</source>
        <translation>It was printed in language %1 and can be checked only in that language, not in %2.</translation>
    </message>
</context>
<context>
    <name>ow::Rating</name>
    <message>
        <source>Very satisfied</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Fairly satisfied</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>Very dissatisfied</translation>
    </message>
</context>
<context>
    <name>ow::RatingService</name>
    <message>
        <source>A rating is a grade from 5 (very satisfied) to 1 (very dissatisfied), not %1.</source>
        <translation>A rating is a grade from 5 (very satisfied) to 1 (very dissatisfied), not %1.</translation>
    </message>
    <message>
        <source>A grade of %1 (%2) needs the applicant&apos;s reason.</source>
        <translation>A grade of %1 (%2) needs the applicant&apos;s reason.</translation>
    </message>
    <message>
        <source>There is no case with the number %1.</source>
        <translation>There is no case with the number %1.</translation>
    </message>
    <message>
        <source>Name the site the rating was given at (--site).</source>
        <translation>Name the site the rating was given at (--site).</translation>
    </message>
    <message>
        <source>Rated %1 (%2): %3</source>
        <translation>Rated %1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>ow::Refusal</name>
    <message>
        <source>Wrong site</source>
        <translation>Wrong site</translation>
    </message>
    <message>
        <source>Case number of another site</source>
        <translation>Case number of another site</translation>
    </message>
    <message>
        <source>Case number taken</source>
        <translation>Case number taken</translation>
    </message>
    <message>
        <source>Case number changed</source>
        <translation>Case number changed</translation>
    </message>
    <message>
        <source>Case taken</source>
        <translation>Case taken</translation>
    </message>
    <message>
        <source>Kept by the back office</source>
        <translation>Kept by the back office</translation>
    </message>
    <message>
        <source>Case not found</source>
        <translation>Case not found</translation>
    </message>
    <message>
        <source>Changed at the centre</source>
        <translation>Changed at the centre</translation>
    </message>
    <message>
        <source>Move not allowed</source>
        <translation>Move not allowed</translation>
    </message>
    <message>
        <source>Unknown status</source>
        <translation>Unknown status</translation>
    </message>
    <message>
        <source>Unknown operation</source>
        <translation>Unknown operation</translation>
    </message>
    <message>
        <source>Unknown kind of record</source>
        <translation>Unknown kind of record</translation>
    </message>
    <message>
        <source>Operation taken</source>
        <translation>Operation taken</translation>
    </message>
    <message>
        <source>Not valid</source>
        <translation>Not valid</translation>
    </message>
    <message>
        <source>Conflicts with the centre&apos;s data</source>
        <translation>Conflicts with the centre&apos;s data</translation>
    </message>
    <message>
        <source>The case names site %1, but this counter signs in at the centre as site %2.</source>
        <translation>The case names site %1, but this counter signs in at the centre as site %2.</translation>
    </message>
    <message>
        <source>The case number %1 does not begin with this site&apos;s code %2.</source>
        <translation>The case number %1 does not begin with this site&apos;s code %2.</translation>
    </message>
    <message>
        <source>The case number %1 is already used by another case at the centre.</source>
        <translation>The case number %1 is already used by another case at the centre.</translation>
    </message>
    <message>
        <source>The case already has the number %1 at the centre; it cannot become %2.</source>
        <translation>The case already has the number %1 at the centre; it cannot become %2.</translation>
    </message>
    <message>
        <source>The case is already recorded at the centre by another site.</source>
        <translation>The case is already recorded at the centre by another site.</translation>
    </message>
    <message>
        <source>Case %1 is %2: from forwarding on, its data is kept by the back office.</source>
        <translation>Case %1 is %2: from forwarding on, its data is kept by the back office.</translation>
    </message>
    <message>
        <source>The centre knows no such case of site %1.</source>
        <translation>The centre knows no such case of site %1.</translation>
    </message>
    <message>
        <source>Case %1 is now %2 at the centre (version %3); this move was made from version %4.</source>
        <translation>Case %1 is now %2 at the centre (version %3); this move was made from version %4.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Case %1 cannot go from %2 to %3.</source>
        <translation>Case %1 cannot go from %2 to %3.</translation>
    </message>
    <message>
        <source>The centre knows no case status %1.</source>
        <translation>The centre knows no case status %1.</translation>
    </message>
    <message>
        <source>The centre does not take operations of kind %1.</source>
        <translation>The centre does not take operations of kind %1.</translation>
    </message>
    <message>
        <source>The centre does not keep records of the kind %1.</source>
        <translation>The centre does not keep records of the kind %1.</translation>
    </message>
    <message>
        <source>The operation&apos;s id is already used by another site.</source>
        <translation>The operation&apos;s id is already used by another site.</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Status of a case</source>
        <translation>Status of a case</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Supervisor&apos;s override</source>
        <translation>Supervisor&apos;s override</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Mailing</source>
        <translation>Mailing</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <source>Call-back</source>
        <translation>Call-back</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Rating</translation>
    </message>
</context>
<context>
    <name>ow::SampleCatalogue</name>
    <message>
        <source>The embedded sample catalogue is invalid: %1</source>
        <translation>The embedded sample catalogue is invalid: %1</translation>
    </message>
</context>
<context>
    <name>ow::SamplingService</name>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>rectifying</source>
        <translation>rectifying</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>The first day of the period is missing or not a date.</source>
        <translation>The first day of the period is missing or not a date.</translation>
    </message>
    <message>
        <source>The last day of the period is missing or not a date.</source>
        <translation>The last day of the period is missing or not a date.</translation>
    </message>
    <message>
        <source>The last day of the period comes before its first day.</source>
        <translation>The last day of the period comes before its first day.</translation>
    </message>
    <message>
        <source>The number of cases to draw must be 1 or more.</source>
        <translation>The number of cases to draw must be 1 or more.</translation>
    </message>
    <message>
        <source>No cases were drawn.</source>
        <translation>No cases were drawn.</translation>
    </message>
    <message>
        <source>No case was accepted from %1 to %2: nothing to draw.</source>
        <translation>No case was accepted from %1 to %2: nothing to draw.</translation>
    </message>
    <message>
        <source>There is no draw %1.</source>
        <translation>There is no draw %1.</translation>
    </message>
    <message>
        <source>Case %1 was not drawn for sampling.</source>
        <translation>Case %1 was not drawn for sampling.</translation>
    </message>
    <message>
        <source>Case %1 is not in draw %2.</source>
        <translation>Case %1 is not in draw %2.</translation>
    </message>
    <message>
        <source>Say what was found.</source>
        <translation>Say what was found.</translation>
    </message>
    <message>
        <source>Say what must be put right.</source>
        <translation>Say what must be put right.</translation>
    </message>
    <message>
        <source>Say how the case was closed: the rectification done, or that nothing was found.</source>
        <translation>Say how the case was closed: the rectification done, or that nothing was found.</translation>
    </message>
    <message>
        <source>Case %1 was not changed.</source>
        <translation>Case %1 was not changed.</translation>
    </message>
    <message>
        <source>Sampled case %1 is %2: it cannot be %3.</source>
        <translation>Sampled case %1 is %2: it cannot be %3.</translation>
    </message>
    <message>
        <source>given a finding</source>
        <translation>given a finding</translation>
    </message>
</context>
<context>
    <name>ow::Session</name>
    <message>
        <source>system operator</source>
        <translation>system operator</translation>
    </message>
    <message>
        <source>No one is signed in: sign in to %1.</source>
        <translation>No one is signed in: sign in to %1.</translation>
    </message>
    <message>
        <source>%1 (%2, %3) may not %4: that takes the %5 role.</source>
        <translation>%1 (%2, %3) may not %4: that takes the %5 role.</translation>
    </message>
</context>
<context>
    <name>ow::StatsService</name>
    <message>
        <source>The first day of the period is missing or not a date.</source>
        <translation>The first day of the period is missing or not a date.</translation>
    </message>
    <message>
        <source>The last day of the period is missing or not a date.</source>
        <translation>The last day of the period is missing or not a date.</translation>
    </message>
    <message>
        <source>The last day of the period comes before its first day.</source>
        <translation>The last day of the period comes before its first day.</translation>
    </message>
    <message>
        <source>The statistics cannot be counted.</source>
        <translation>The statistics cannot be counted.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>week of %1</source>
        <translation>week of %1</translation>
    </message>
</context>
<context>
    <name>ow::SyncEngine</name>
    <message>
        <source>This counter has no site code: set it in the sync settings.</source>
        <translation>This counter has no site code: set it in the sync settings.</translation>
    </message>
    <message>
        <source>The centre takes no records of kind %1.</source>
        <translation>The centre takes no records of kind %1.</translation>
    </message>
    <message>
        <source>There is no case status %1.</source>
        <translation>There is no case status %1.</translation>
    </message>
    <message>
        <source>There is no case %1 in this store.</source>
        <translation>There is no case %1 in this store.</translation>
    </message>
    <message>
        <source>The catalogue the centre published cannot be used: %1</source>
        <translation>The catalogue the centre published cannot be used: %1</translation>
    </message>
</context>
<context>
    <name>ow::SyncSettings</name>
    <message>
        <source>The sync settings %1 cannot be read.</source>
        <translation>The sync settings %1 cannot be read.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>The folder %1 cannot be created.</translation>
    </message>
    <message>
        <source>The sync settings %1 cannot be written.</source>
        <translation>The sync settings %1 cannot be written.</translation>
    </message>
    <message>
        <source>The credential file %1 cannot be written: %2</source>
        <translation>The credential file %1 cannot be written: %2</translation>
    </message>
    <message>
        <source>The credential file %1 cannot be made private.</source>
        <translation>The credential file %1 cannot be made private.</translation>
    </message>
    <message>
        <source>There is no credential file %1: run `onewindow-admin sync configure` with the site&apos;s address.</source>
        <translation>There is no credential file %1: run `onewindow-admin sync configure` with the site&apos;s address.</translation>
    </message>
    <message>
        <source>The credential file %1 can be read by other users; restrict it with chmod 600 %1.</source>
        <translation>The credential file %1 can be read by other users; restrict it with chmod 600 %1.</translation>
    </message>
    <message>
        <source>The credential file %1 cannot be read: %2</source>
        <translation>The credential file %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>No central address is set: run `onewindow-admin sync configure --central URL --site CODE`.</source>
        <translation>No central address is set: run `onewindow-admin sync configure --central URL --site CODE`.</translation>
    </message>
</context>
<context>
    <name>ow::SyncStore</name>
    <message>
        <source>The centre was restored from a backup.</source>
        <translation>The centre was restored from a backup.</translation>
    </message>
    <message>
        <source>The centre&apos;s database was restored on another server.</source>
        <translation>The centre&apos;s database was restored on another server.</translation>
    </message>
    <message>
        <source>The centre switched to its standby server.</source>
        <translation>The centre switched to its standby server.</translation>
    </message>
    <message>
        <source>The centre no longer had records it had confirmed.</source>
        <translation>The centre no longer had records it had confirmed.</translation>
    </message>
    <message>
        <source>The centre&apos;s list of changes went back in time.</source>
        <translation>The centre&apos;s list of changes went back in time.</translation>
    </message>
    <message numerus="yes">
        <source>The centre confirmed no backup for the records of the last %n day(s): %1 of them are no longer kept here to be sent again after a restore of the centre.</source>
        <translation>
            <numerusform>The centre confirmed no backup for the records of the last %n day: %1 of them are no longer kept here to be sent again after a restore of the centre.</numerusform>
            <numerusform>The centre confirmed no backup for the records of the last %n days: %1 of them are no longer kept here to be sent again after a restore of the centre.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) sent again.</source>
        <translation>
            <numerusform>%n record sent again.</numerusform>
            <numerusform>%n records sent again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing this counter sent was lost.</source>
        <translation>Nothing this counter sent was lost.</translation>
    </message>
    <message>
        <source>A fresh copy of the centre&apos;s data was taken.</source>
        <translation>A fresh copy of the centre&apos;s data was taken.</translation>
    </message>
</context>
<context>
    <name>ow::SyncWorker</name>
    <message>
        <source>The centre cannot be reached; cases wait here and are sent when it answers again. (%1)</source>
        <translation>The centre cannot be reached; cases wait here and are sent when it answers again. (%1)</translation>
    </message>
</context>
<context>
    <name>ow::TextRules</name>
    <message>
        <source>Character %1 is %2, a line break: this text is one line.</source>
        <translation>Character %1 is %2, a line break: this text is one line.</translation>
    </message>
    <message>
        <source>Character %1 is %2, a line break other than LF: lines are separated by LF (U+000A) alone.</source>
        <translation>Character %1 is %2, a line break other than LF: lines are separated by LF (U+000A) alone.</translation>
    </message>
    <message>
        <source>Character %1 is %2, a control character: a text cannot hold one.</source>
        <translation>Character %1 is %2, a control character: a text cannot hold one.</translation>
    </message>
    <message>
        <source>Character %1 is %2, an invisible formatting character: a text cannot hold one.</source>
        <translation>Character %1 is %2, an invisible formatting character: a text cannot hold one.</translation>
    </message>
    <message>
        <source>Character %1 (%2) is not a character: the text is damaged.</source>
        <translation>Character %1 (%2) is not a character: the text is damaged.</translation>
    </message>
</context>
<context>
    <name>ow::Validators</name>
    <message>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Waybill number</source>
        <translation>Waybill number</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>%1 is not a mobile number: it may hold only digits, spaces, hyphens and a leading +86.</source>
        <translation>%1 is not a mobile number: it may hold only digits, spaces, hyphens and a leading +86.</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits; %1 has %2.</source>
        <translation>A mobile number has 11 digits; %1 has %2.</translation>
    </message>
    <message>
        <source>A mobile number starts with 13 to 19, not %1.</source>
        <translation>A mobile number starts with 13 to 19, not %1.</translation>
    </message>
    <message>
        <source>The area code %1 should have %2 digits: 010 and 02X have 3, the other area codes 4.</source>
        <translation>The area code %1 should have %2 digits: 010 and 02X have 3, the other area codes 4.</translation>
    </message>
    <message>
        <source>%1 is not a fixed-line number: write 0, the area code and the local number, e.g. 010-12345678 or 0755-1234567, with an optional extension.</source>
        <translation>%1 is not a fixed-line number: write 0, the area code and the local number, e.g. 010-12345678 or 0755-1234567, with an optional extension.</translation>
    </message>
    <message>
        <source>%1 has two extensions; give one at most.</source>
        <translation>%1 has two extensions; give one at most.</translation>
    </message>
    <message>
        <source>After the area code %1 the local number has 7 or 8 digits; %2 has %3.</source>
        <translation>After the area code %1 the local number has 7 or 8 digits; %2 has %3.</translation>
    </message>
    <message>
        <source>The local number %1 cannot start with %2.</source>
        <translation>The local number %1 cannot start with %2.</translation>
    </message>
    <message>
        <source>An extension has 1 to 6 digits; %1 has %2.</source>
        <translation>An extension has 1 to 6 digits; %1 has %2.</translation>
    </message>
    <message>
        <source>The mobile number is missing.</source>
        <translation>The mobile number is missing.</translation>
    </message>
    <message>
        <source>The mobile number %1 is not valid.</source>
        <translation>The mobile number %1 is not valid.</translation>
    </message>
    <message>
        <source>The phone number %1 is not valid.</source>
        <translation>The phone number %1 is not valid.</translation>
    </message>
    <message>
        <source>The phone number is missing.</source>
        <translation>The phone number is missing.</translation>
    </message>
    <message>
        <source>%1 lacks the area code: write it as 0XXX-%1.</source>
        <translation>%1 lacks the area code: write it as 0XXX-%1.</translation>
    </message>
    <message>
        <source>A phone number starts with 1 (a mobile) or 0 (a fixed line with its area code), not %1.</source>
        <translation>A phone number starts with 1 (a mobile) or 0 (a fixed line with its area code), not %1.</translation>
    </message>
    <message>
        <source>The postcode is missing.</source>
        <translation>The postcode is missing.</translation>
    </message>
    <message>
        <source>A postcode has 6 digits; this one has %1 characters.</source>
        <translation>A postcode has 6 digits; this one has %1 characters.</translation>
    </message>
    <message>
        <source>Position %1 is %2; a postcode has digits only.</source>
        <translation>Position %1 is %2; a postcode has digits only.</translation>
    </message>
    <message>
        <source>Positions %1 are not digits; a postcode has digits only.</source>
        <translation>Positions %1 are not digits; a postcode has digits only.</translation>
    </message>
    <message>
        <source>The postcode %1 is not valid.</source>
        <translation>The postcode %1 is not valid.</translation>
    </message>
    <message>
        <source>The waybill number %1 is not valid.</source>
        <translation>The waybill number %1 is not valid.</translation>
    </message>
    <message>
        <source>The waybill number is missing.</source>
        <translation>The waybill number is missing.</translation>
    </message>
    <message>
        <source>A waybill number has 13 characters (2 letters, 9 digits and 2 letters, e.g. EA473124829CN, or 13 digits for a domestic EMS waybill); this one has %1.</source>
        <translation>A waybill number has 13 characters (2 letters, 9 digits and 2 letters, e.g. EA473124829CN, or 13 digits for a domestic EMS waybill); this one has %1.</translation>
    </message>
    <message>
        <source>Position %1 is %2; a domestic EMS waybill has 13 digits.</source>
        <translation>Position %1 is %2; a domestic EMS waybill has 13 digits.</translation>
    </message>
    <message>
        <source>Position %1 is %2; in an international (S10) number positions 1-2 and 12-13 are letters.</source>
        <translation>Position %1 is %2; in an international (S10) number positions 1-2 and 12-13 are letters.</translation>
    </message>
    <message>
        <source>Position %1 is %2; in an international (S10) number positions 3-11 are digits.</source>
        <translation>Position %1 is %2; in an international (S10) number positions 3-11 are digits.</translation>
    </message>
    <message>
        <source>The check digit (position 11) should be %1, not %2.</source>
        <translation>The check digit (position 11) should be %1, not %2.</translation>
    </message>
    <message>
        <source>The name is not valid.</source>
        <translation>The name is not valid.</translation>
    </message>
    <message>
        <source>The name is missing.</source>
        <translation>The name is missing.</translation>
    </message>
    <message>
        <source>A name has at most %1 characters; this one has %2.</source>
        <translation>A name has at most %1 characters; this one has %2.</translation>
    </message>
    <message>
        <source>A name cannot start or end with “·”.</source>
        <translation>A name cannot start or end with “·”.</translation>
    </message>
    <message>
        <source>A name cannot hold two “·” in a row.</source>
        <translation>A name cannot hold two “·” in a row.</translation>
    </message>
    <message>
        <source>Resident ID number</source>
        <translation>Resident ID number</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>The birth date in positions %1 (%2) is not a real date: there is no month %3.</source>
        <translation>The birth date in positions %1 (%2) is not a real date: there is no month %3.</translation>
    </message>
    <message>
        <source>The birth date in positions %1 (%2) is not a real date: month %3 of %4 has %5 days.</source>
        <translation>The birth date in positions %1 (%2) is not a real date: month %3 of %4 has %5 days.</translation>
    </message>
    <message>
        <source>The birth date in positions %1 (%2) is after today (%3).</source>
        <translation>The birth date in positions %1 (%2) is after today (%3).</translation>
    </message>
    <message>
        <source>The resident ID number %1 is not valid.</source>
        <translation>The resident ID number %1 is not valid.</translation>
    </message>
    <message>
        <source>The resident ID number is missing.</source>
        <translation>The resident ID number is missing.</translation>
    </message>
    <message>
        <source>A resident ID number has 18 characters (an old one 15 digits); this one has %1.</source>
        <translation>A resident ID number has 18 characters (an old one 15 digits); this one has %1.</translation>
    </message>
    <message>
        <source>Position %1 is %2; an old 15-character number has digits only.</source>
        <translation>Position %1 is %2; an old 15-character number has digits only.</translation>
    </message>
    <message>
        <source>Position %1 is %2; positions 1-17 must be digits.</source>
        <translation>Position %1 is %2; positions 1-17 must be digits.</translation>
    </message>
    <message>
        <source>Positions %1 are not digits; an old 15-character number has digits only.</source>
        <translation>Positions %1 are not digits; an old 15-character number has digits only.</translation>
    </message>
    <message>
        <source>Positions %1 are not digits; positions 1-17 must be digits.</source>
        <translation>Positions %1 are not digits; positions 1-17 must be digits.</translation>
    </message>
    <message>
        <source>Position 18 is %1; the check character is a digit or X.</source>
        <translation>Position 18 is %1; the check character is a digit or X.</translation>
    </message>
    <message>
        <source>The check character (position 18) should be %1, not %2.</source>
        <translation>The check character (position 18) should be %1, not %2.</translation>
    </message>
    <message>
        <source>The unified social credit code %1 is not valid.</source>
        <translation>The unified social credit code %1 is not valid.</translation>
    </message>
    <message>
        <source>The unified social credit code is missing.</source>
        <translation>The unified social credit code is missing.</translation>
    </message>
    <message>
        <source>A unified social credit code has 18 characters; this one has %1.</source>
        <translation>A unified social credit code has 18 characters; this one has %1.</translation>
    </message>
    <message>
        <source>Position %1 is %2: the letters I, O, S, V and Z never occur in a credit code.</source>
        <translation>Position %1 is %2: the letters I, O, S, V and Z never occur in a credit code.</translation>
    </message>
    <message>
        <source>Position %1 is %2, which is not one of the 31 symbols of a credit code (digits and capital letters other than I, O, S, V and Z).</source>
        <translation>Position %1 is %2, which is not one of the 31 symbols of a credit code (digits and capital letters other than I, O, S, V and Z).</translation>
    </message>
    <message>
        <source>Position 1 (the registering department) is %1; it must be 1-9, A, N or Y.</source>
        <translation>Position 1 (the registering department) is %1; it must be 1-9, A, N or Y.</translation>
    </message>
    <message>
        <source>Position 2 (the organisation type) is %1; it must be a digit 1-9.</source>
        <translation>Position 2 (the organisation type) is %1; it must be a digit 1-9.</translation>
    </message>
    <message>
        <source>Position %1 is %2; positions 3-8 (the administrative division code) must be digits.</source>
        <translation>Position %1 is %2; positions 3-8 (the administrative division code) must be digits.</translation>
    </message>
    <message>
        <source>Positions %1 are not digits; positions 3-8 (the administrative division code) must be digits.</source>
        <translation>Positions %1 are not digits; positions 3-8 (the administrative division code) must be digits.</translation>
    </message>
    <message>
        <source>establishment administration</source>
        <translation>establishment administration</translation>
    </message>
    <message>
        <source>foreign affairs</source>
        <translation>foreign affairs</translation>
    </message>
    <message>
        <source>judicial administration</source>
        <translation>judicial administration</translation>
    </message>
    <message>
        <source>culture</source>
        <translation>culture</translation>
    </message>
    <message>
        <source>civil affairs</source>
        <translation>civil affairs</translation>
    </message>
    <message>
        <source>tourism</source>
        <translation>tourism</translation>
    </message>
    <message>
        <source>religious affairs</source>
        <translation>religious affairs</translation>
    </message>
    <message>
        <source>trade unions</source>
        <translation>trade unions</translation>
    </message>
    <message>
        <source>market regulation</source>
        <translation>market regulation</translation>
    </message>
    <message>
        <source>military establishment</source>
        <translation>military establishment</translation>
    </message>
    <message>
        <source>agriculture</source>
        <translation>agriculture</translation>
    </message>
    <message>
        <source>other</source>
        <translation>other</translation>
    </message>
    <message>
        <source>government body</source>
        <translation>government body</translation>
    </message>
    <message>
        <source>public institution</source>
        <translation>public institution</translation>
    </message>
    <message>
        <source>mass organisation</source>
        <translation>mass organisation</translation>
    </message>
    <message>
        <source>resident foreign news agency</source>
        <translation>resident foreign news agency</translation>
    </message>
    <message>
        <source>law firm</source>
        <translation>law firm</translation>
    </message>
    <message>
        <source>notary office</source>
        <translation>notary office</translation>
    </message>
    <message>
        <source>grassroots legal service office</source>
        <translation>grassroots legal service office</translation>
    </message>
    <message>
        <source>forensic examination institution</source>
        <translation>forensic examination institution</translation>
    </message>
    <message>
        <source>arbitration commission</source>
        <translation>arbitration commission</translation>
    </message>
    <message>
        <source>foreign cultural centre</source>
        <translation>foreign cultural centre</translation>
    </message>
    <message>
        <source>social organisation</source>
        <translation>social organisation</translation>
    </message>
    <message>
        <source>private non-enterprise unit</source>
        <translation>private non-enterprise unit</translation>
    </message>
    <message>
        <source>foundation</source>
        <translation>foundation</translation>
    </message>
    <message>
        <source>foreign tourism office</source>
        <translation>foreign tourism office</translation>
    </message>
    <message>
        <source>Hong Kong, Macao or Taiwan tourism office</source>
        <translation>Hong Kong, Macao or Taiwan tourism office</translation>
    </message>
    <message>
        <source>place of religious activity</source>
        <translation>place of religious activity</translation>
    </message>
    <message>
        <source>religious college</source>
        <translation>religious college</translation>
    </message>
    <message>
        <source>grassroots trade union</source>
        <translation>grassroots trade union</translation>
    </message>
    <message>
        <source>enterprise</source>
        <translation>enterprise</translation>
    </message>
    <message>
        <source>individual business</source>
        <translation>individual business</translation>
    </message>
    <message>
        <source>farmers&apos; cooperative</source>
        <translation>farmers&apos; cooperative</translation>
    </message>
    <message>
        <source>military public institution</source>
        <translation>military public institution</translation>
    </message>
    <message>
        <source>group collective economic organisation</source>
        <translation>group collective economic organisation</translation>
    </message>
    <message>
        <source>village collective economic organisation</source>
        <translation>village collective economic organisation</translation>
    </message>
    <message>
        <source>township collective economic organisation</source>
        <translation>township collective economic organisation</translation>
    </message>
    <message>
        <source>The birth date in positions %1 (%2) is before %3.</source>
        <translation>The birth date in positions %1 (%2) is before %3.</translation>
    </message>
    <message>
        <source>Positions 1-2 (%1) are not the code of a province, autonomous region or municipality (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81-83).</source>
        <translation>Positions 1-2 (%1) are not the code of a province, autonomous region or municipality (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81-83).</translation>
    </message>
</context>
<context>
    <name>ow::WaybillNumber</name>
    <message>
        <source>Waybill number</source>
        <translation>Waybill number</translation>
    </message>
    <message>
        <source>The waybill number is missing: scan or type it.</source>
        <translation>The waybill number is missing: scan or type it.</translation>
    </message>
    <message>
        <source>The waybill number %1 looks like an international (S10) number, but position %2 is %3: positions 3-11 are digits.</source>
        <translation>The waybill number %1 looks like an international (S10) number, but position %2 is %3: positions 3-11 are digits.</translation>
    </message>
    <message>
        <source>The check digit of the waybill number %1 is %2, but its S10 check digit is %3: the number is mistyped or misread.</source>
        <translation>The check digit of the waybill number %1 is %2, but its S10 check digit is %3: the number is mistyped or misread.</translation>
    </message>
    <message>
        <source>The waybill number %1 has %2 at position %3: a waybill number holds only the letters A-Z and the digits 0-9.</source>
        <translation>The waybill number %1 has %2 at position %3: a waybill number holds only the letters A-Z and the digits 0-9.</translation>
    </message>
    <message>
        <source>The waybill number %1 has %2 characters: a waybill number has 8 to 20.</source>
        <translation>The waybill number %1 has %2 characters: a waybill number has 8 to 20.</translation>
    </message>
</context>
<context>
    <name>ow::WorkCalendar</name>
    <message>
        <source>Cannot read the holiday calendar %1: %2</source>
        <translation>Cannot read the holiday calendar %1: %2</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>line %1</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, line %2</translation>
    </message>
    <message>
        <source>Expected a date, a type (off or work), a name and optionally a source, separated by tabs; found %1 column(s).</source>
        <translation>Expected a date, a type (off or work), a name and optionally a source, separated by tabs; found %1 column(s).</translation>
    </message>
    <message>
        <source>%1 is not a date (YYYY-MM-DD) or a range of dates (YYYY-MM-DD..YYYY-MM-DD).</source>
        <translation>%1 is not a date (YYYY-MM-DD) or a range of dates (YYYY-MM-DD..YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>The range %1 ends before it starts.</source>
        <translation>The range %1 ends before it starts.</translation>
    </message>
    <message>
        <source>The range %1 covers %2 days; a range covers 31 days at most.</source>
        <translation>The range %1 covers %2 days; a range covers 31 days at most.</translation>
    </message>
    <message>
        <source>The type is “%1”; it must be off or work.</source>
        <translation>The type is “%1”; it must be off or work.</translation>
    </message>
    <message>
        <source>%1 is a weekday; a work entry is a Saturday or a Sunday that becomes a working day.</source>
        <translation>%1 is a weekday; a work entry is a Saturday or a Sunday that becomes a working day.</translation>
    </message>
    <message>
        <source>%1 is already listed on line %2.</source>
        <translation>%1 is already listed on line %2.</translation>
    </message>
    <message>
        <source>The holiday calendar</source>
        <translation>The holiday calendar</translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n error(s); nothing was loaded.</source>
        <translation>
            <numerusform>%1 has %n error; nothing was loaded.</numerusform>
            <numerusform>%1 has %n errors; nothing was loaded.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 lists no days.</source>
        <translation>%1 lists no days.</translation>
    </message>
</context>
<context>
    <name>ow::admin</name>
    <message>
        <source>Usage: %1</source>
        <translation>Usage: %1</translation>
    </message>
    <message>
        <source>Imported %1: %2 items added, %3 updated, %4 joint items and %5 rules added or changed; %6 items in the catalogue.</source>
        <translation>Imported %1: %2 items added, %3 updated, %4 joint items and %5 rules added or changed; %6 items in the catalogue.</translation>
    </message>
    <message>
        <source>Cannot write to standard output.</source>
        <translation>Cannot write to standard output.</translation>
    </message>
    <message>
        <source>Exported %1 items, %2 joint items and %3 rules to %4.</source>
        <translation>Exported %1 items, %2 joint items and %3 rules to %4.</translation>
    </message>
    <message>
        <source>%1 items and %2 joint items written to %3</source>
        <translation>%1 items and %2 joint items written to %3</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>The central database is up to date (schema %1).</source>
        <translation>The central database is up to date (schema %1).</translation>
    </message>
    <message>
        <source>The central database is now at schema %1 (applied: %2).</source>
        <translation>The central database is now at schema %1 (applied: %2).</translation>
    </message>
    <message>
        <source>Site %1 (%2, %3) added.</source>
        <translation>Site %1 (%2, %3) added.</translation>
    </message>
    <message>
        <source>Its login is shown only this once; the centre keeps no copy of the password. Give it to the site&apos;s counters:</source>
        <translation>Its login is shown only this once; the centre keeps no copy of the password. Give it to the site&apos;s counters:</translation>
    </message>
    <message>
        <source>Catalogue published: %1 entries added, %2 already published as they are.</source>
        <translation>Catalogue published: %1 entries added, %2 already published as they are.</translation>
    </message>
    <message>
        <source>Calendar published: %1 years added, %2 changed, %3 unchanged.</source>
        <translation>Calendar published: %1 years added, %2 changed, %3 unchanged.</translation>
    </message>
    <message>
        <source>The credit grade of %1 was already %2.</source>
        <translation>The credit grade of %1 was already %2.</translation>
    </message>
    <message>
        <source>The credit grade of %1 is now %2.</source>
        <translation>The credit grade of %1 is now %2.</translation>
    </message>
    <message>
        <source>Case %1 is now %2 (status version %3), decided by %4.</source>
        <translation>Case %1 is now %2 (status version %3), decided by %4.</translation>
    </message>
    <message>
        <source>Central database %1: schema %2, %3 sites, %4 changes in the log.</source>
        <translation>Central database %1: schema %2, %3 sites, %4 changes in the log.</translation>
    </message>
    <message>
        <source>%1  %2 (%3): last contact %4, %5 counters, %6 cases, %7 changes not yet acknowledged, %8 operations waiting at the counters, %9 in quarantine</source>
        <translation>%1  %2 (%3): last contact %4, %5 counters, %6 cases, %7 changes not yet acknowledged, %8 operations waiting at the counters, %9 in quarantine</translation>
    </message>
    <message>
        <source>Cannot read the standard input.</source>
        <translation>Cannot read the standard input.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>line %1, column %2</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>note: %1</translation>
    </message>
    <message>
        <source>accepted: case %1, status %2, visit %3</source>
        <translation>accepted: case %1, status %2, visit %3</translation>
    </message>
    <message>
        <source>promised %1</source>
        <translation>promised %1</translation>
    </message>
    <message>
        <source>(provisional: the holiday calendar of that year is not published)</source>
        <translation>(provisional: the holiday calendar of that year is not published)</translation>
    </message>
    <message>
        <source>correction requested: notice %1, visit %2, %3 line(s)</source>
        <translation>correction requested: notice %1, visit %2, %3 line(s)</translation>
    </message>
    <message>
        <source>not accepted: notice %1</source>
        <translation>not accepted: notice %1</translation>
    </message>
    <message>
        <source>An intake document is a JSON object.</source>
        <translation>An intake document is a JSON object.</translation>
    </message>
    <message>
        <source>usage: onewindow-admin intake --json FILE|- [--site CODE] [--site-level city|town|village] [--window W] [--clerk NAME]</source>
        <translation>usage: onewindow-admin intake --json FILE|- [--site CODE] [--site-level city|town|village] [--window W] [--clerk NAME]</translation>
    </message>
    <message>
        <source>%1: not JSON (%2): %3</source>
        <translation>%1: not JSON (%2): %3</translation>
    </message>
    <message>
        <source>standard input</source>
        <translation>standard input</translation>
    </message>
    <message>
        <source>batch: %1 of %2 succeeded</source>
        <translation>batch: %1 of %2 succeeded</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>failed: %1</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <source>(no case number yet)</source>
        <translation>(no case number yet)</translation>
    </message>
    <message>
        <source>status: %1 (%2)</source>
        <translation>status: %1 (%2)</translation>
    </message>
    <message>
        <source>applicant: %1 %2</source>
        <translation>applicant: %1 %2</translation>
    </message>
    <message>
        <source>agent: %1 %2</source>
        <translation>agent: %1 %2</translation>
    </message>
    <message>
        <source>site %1, window %2, clerk %3, channel %4, visit %5</source>
        <translation>site %1, window %2, clerk %3, channel %4, visit %5</translation>
    </message>
    <message>
        <source>promised: %1 (%2 working days)%3</source>
        <translation>promised: %1 (%2 working days)%3</translation>
    </message>
    <message>
        <source>, provisional</source>
        <translation>, provisional</translation>
    </message>
    <message>
        <source>delivery: %1 %2</source>
        <translation>delivery: %1 %2</translation>
    </message>
    <message>
        <source>item %1 v%2 %3</source>
        <translation>item %1 v%2 %3</translation>
    </message>
    <message>
        <source>material %1 %2: %3</source>
        <translation>material %1 %2: %3</translation>
    </message>
    <message>
        <source>%1 %2 -&gt; %3 by %4 at %5/%6</source>
        <translation>%1 %2 -&gt; %3 by %4 at %5/%6</translation>
    </message>
    <message>
        <source>correction %1 (%2)</source>
        <translation>correction %1 (%2)</translation>
    </message>
    <message>
        <source>refusal %1: %2 (%3) %4</source>
        <translation>refusal %1: %2 (%3) %4</translation>
    </message>
    <message>
        <source>usage: onewindow-admin case show NUMBER [--json]</source>
        <translation>usage: onewindow-admin case show NUMBER [--json]</translation>
    </message>
    <message>
        <source>No case or notice has the number %1.</source>
        <translation>No case or notice has the number %1.</translation>
    </message>
    <message>
        <source>birth date</source>
        <translation>birth date</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>sex</translation>
    </message>
    <message>
        <source>male</source>
        <translation>male</translation>
    </message>
    <message>
        <source>female</source>
        <translation>female</translation>
    </message>
    <message>
        <source>address code</source>
        <translation>address code</translation>
    </message>
    <message>
        <source>note</source>
        <translation>note</translation>
    </message>
    <message>
        <source>upgraded from the 15-digit number %1</source>
        <translation>upgraded from the 15-digit number %1</translation>
    </message>
    <message>
        <source>Only the check character is wrong: a supervisor may accept the code with a recorded reason.</source>
        <translation>Only the check character is wrong: a supervisor may accept the code with a recorded reason.</translation>
    </message>
    <message>
        <source>registering department</source>
        <translation>registering department</translation>
    </message>
    <message>
        <source>organisation type</source>
        <translation>organisation type</translation>
    </message>
    <message>
        <source>division code</source>
        <translation>division code</translation>
    </message>
    <message>
        <source>organisation code</source>
        <translation>organisation code</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>kind</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>mobile</translation>
    </message>
    <message>
        <source>fixed line</source>
        <translation>fixed line</translation>
    </message>
    <message>
        <source>area code</source>
        <translation>area code</translation>
    </message>
    <message>
        <source>extension</source>
        <translation>extension</translation>
    </message>
    <message>
        <source>domestic EMS waybill</source>
        <translation>domestic EMS waybill</translation>
    </message>
    <message>
        <source>international (UPU S10)</source>
        <translation>international (UPU S10)</translation>
    </message>
    <message>
        <source>service</source>
        <translation>service</translation>
    </message>
    <message>
        <source>country</source>
        <translation>country</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>characters</translation>
    </message>
    <message>
        <source>Unknown kind of value: %1</source>
        <translation>Unknown kind of value: %1</translation>
    </message>
    <message>
        <source>--sslmode must be one of %1.</source>
        <translation>--sslmode must be one of %1.</translation>
    </message>
    <message>
        <source>Sync settings saved: centre %1, site %2.</source>
        <translation>Sync settings saved: centre %1, site %2.</translation>
    </message>
    <message>
        <source>Sent %1 operations: %2 applied, %3 already there, %4 refused.</source>
        <translation>Sent %1 operations: %2 applied, %3 already there, %4 refused.</translation>
    </message>
    <message>
        <source>Received %1 changes%2; %3 cases moved by the back office.</source>
        <translation>Received %1 changes%2; %3 cases moved by the back office.</translation>
    </message>
    <message>
        <source> (full download)</source>
        <translation> (full download)</translation>
    </message>
    <message>
        <source>Waiting: %1; in quarantine: %2.</source>
        <translation>Waiting: %1; in quarantine: %2.</translation>
    </message>
    <message>
        <source>Full download: %1, %2 rows</source>
        <translation>Full download: %1, %2 rows</translation>
    </message>
    <message>
        <source>in sync; waiting %1, quarantine %2</source>
        <translation>in sync; waiting %1, quarantine %2</translation>
    </message>
    <message>
        <source>Waiting to be sent: %1 (under an hour %2, under a day %3, older %4)</source>
        <translation>Waiting to be sent: %1 (under an hour %2, under a day %3, older %4)</translation>
    </message>
    <message>
        <source>Last success: %1</source>
        <translation>Last success: %1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Last error: %1</translation>
    </message>
    <message>
        <source>In quarantine: %1</source>
        <translation>In quarantine: %1</translation>
    </message>
    <message>
        <source>The audit log is broken at entry %1.</source>
        <translation>The audit log is broken at entry %1.</translation>
    </message>
    <message>
        <source>Newest entry&apos;s hash: %1</source>
        <translation>Newest entry&apos;s hash: %1</translation>
    </message>
    <message>
        <source>--since: &quot;%1&quot; is not a date YYYY-MM-DD.</source>
        <translation>--since: &quot;%1&quot; is not a date YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>--limit: &quot;%1&quot; is not a positive whole number.</source>
        <translation>--limit: &quot;%1&quot; is not a positive whole number.</translation>
    </message>
    <message>
        <source>No password on the standard input (one line is read).</source>
        <translation>No password on the standard input (one line is read).</translation>
    </message>
    <message>
        <source>No password was typed.</source>
        <translation>No password was typed.</translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Repeat the password: </translation>
    </message>
    <message>
        <source>The two passwords differ; nothing was changed.</source>
        <translation>The two passwords differ; nothing was changed.</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>locked until unlocked</source>
        <translation>locked until unlocked</translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation>locked until %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>--role: &quot;%1&quot; is not a role; the roles are clerk, supervisor and administrator.</source>
        <translation>--role: &quot;%1&quot; is not a role; the roles are clerk, supervisor and administrator.</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Password for %1</translation>
    </message>
    <message>
        <source>Added %1 (%2), %3.</source>
        <translation>Added %1 (%2), %3.</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>New password for %1</translation>
    </message>
    <message>
        <source>The password of %1 was changed.</source>
        <translation>The password of %1 was changed.</translation>
    </message>
    <message>
        <source>%1 may sign in again.</source>
        <translation>%1 may sign in again.</translation>
    </message>
    <message>
        <source>%1 is disabled and cannot sign in.</source>
        <translation>%1 is disabled and cannot sign in.</translation>
    </message>
    <message>
        <source>%1 is unlocked.</source>
        <translation>%1 is unlocked.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a whole number.</source>
        <translation>%1: &quot;%2&quot; is not a whole number.</translation>
    </message>
    <message>
        <source>Sign-in policy: the account locks after %1 failed sign-ins in a row for %2 minutes (0: until a supervisor unlocks it); the screen locks after %3 idle minutes (0: never); passwords have at least %4 characters.</source>
        <translation>Sign-in policy: the account locks after %1 failed sign-ins in a row for %2 minutes (0: until a supervisor unlocks it); the screen locks after %3 idle minutes (0: never); passwords have at least %4 characters.</translation>
    </message>
    <message>
        <source>--today: %1 is not a date (YYYY-MM-DD).</source>
        <translation>--today: %1 is not a date (YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>--yellow-days: %1 is not a number of working days.</source>
        <translation>--yellow-days: %1 is not a number of working days.</translation>
    </message>
    <message>
        <source>Case %1 has no promised date.</source>
        <translation>Case %1 has no promised date.</translation>
    </message>
    <message>
        <source>due: %1 (promised %2, %3 working day(s) paused)%4</source>
        <translation>due: %1 (promised %2, %3 working day(s) paused)%4</translation>
    </message>
    <message>
        <source>working days left: %1</source>
        <translation>working days left: %1</translation>
    </message>
    <message>
        <source>state: %1 (%2)%3</source>
        <translation>state: %1 (%2)%3</translation>
    </message>
    <message>
        <source>, the clock has stopped</source>
        <translation>, the clock has stopped</translation>
    </message>
    <message>
        <source>--count: &quot;%1&quot; is not a positive whole number.</source>
        <translation>--count: &quot;%1&quot; is not a positive whole number.</translation>
    </message>
    <message>
        <source>--seed: &quot;%1&quot; is not a whole number.</source>
        <translation>--seed: &quot;%1&quot; is not a whole number.</translation>
    </message>
    <message>
        <source>Draw %1: %2 of %3 cases, seed %4.</source>
        <translation>Draw %1: %2 of %3 cases, seed %4.</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>seed %1</translation>
    </message>
    <message>
        <source>--from: &quot;%1&quot; is not a date YYYY-MM-DD.</source>
        <translation>--from: &quot;%1&quot; is not a date YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>--to: &quot;%1&quot; is not a date YYYY-MM-DD.</source>
        <translation>--to: &quot;%1&quot; is not a date YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>--by: &quot;%1&quot; is not one of clerk, item, category, day, week, month, site, window.</source>
        <translation>--by: &quot;%1&quot; is not one of clerk, item, category, day, week, month, site, window.</translation>
    </message>
    <message>
        <source>--format: &quot;%1&quot; is not one of csv, json, text.</source>
        <translation>--format: &quot;%1&quot; is not one of csv, json, text.</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s)</source>
        <translation>
            <numerusform>%n follow-up(s)</numerusform>
            <numerusform>%n follow-up(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mailing(s) written.</source>
        <translation>
            <numerusform>%n mailing(s) written.</numerusform>
            <numerusform>%n mailing(s) written.</numerusform>
        </translation>
    </message>
    <message>
        <source>notice given</source>
        <translation>notice given</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>--grade: %1 is not a grade from 1 to 5.</source>
        <translation>--grade: %1 is not a grade from 1 to 5.</translation>
    </message>
    <message>
        <source>call-back %1</source>
        <translation>call-back %1</translation>
    </message>
    <message>
        <source>%1: %2 is not a date (YYYY-MM-DD).</source>
        <translation>%1: %2 is not a date (YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>No mailing in the ledger matches.</source>
        <translation>No mailing in the ledger matches.</translation>
    </message>
    <message>
        <source>No consultation logged that day matches.</source>
        <translation>No consultation logged that day matches.</translation>
    </message>
    <message>
        <source>No call-back task.</source>
        <translation>No call-back task.</translation>
    </message>
    <message>
        <source>No open call-back task.</source>
        <translation>No open call-back task.</translation>
    </message>
    <message>
        <source>Exported %1 items, %2 joint items and %3 rules to the CSV files of %4.</source>
        <translation>Exported %1 items, %2 joint items and %3 rules to the CSV files of %4.</translation>
    </message>
    <message>
        <source>already decided: %1; nothing was written</source>
        <translation>already decided: %1; nothing was written</translation>
    </message>
    <message>
        <source>Backup begun: it will hold everything the centre finished before now. Run `central backup-mark` once it succeeded.</source>
        <translation>Backup begun: it will hold everything the centre finished before now. Run `central backup-mark` once it succeeded.</translation>
    </message>
    <message>
        <source>Backup marked as done: the counters forget what it holds at their next sync.</source>
        <translation>Backup marked as done: the counters forget what it holds at their next sync.</translation>
    </message>
    <message>
        <source>The centre now counts as restored: %1 changes dropped from the log. At their next connection the counters send again what the backup lacks and take a fresh copy of the centre&apos;s data; `central status` lists what they sent.</source>
        <translation>The centre now counts as restored: %1 changes dropped from the log. At their next connection the counters send again what the backup lacks and take a fresh copy of the centre&apos;s data; `central status` lists what they sent.</translation>
    </message>
    <message>
        <source>declared restored from a backup (%1 changes dropped from the log)</source>
        <translation>declared restored from a backup (%1 changes dropped from the log)</translation>
    </message>
    <message>
        <source>found on another server (%1): restored there, %2 changes dropped from the log</source>
        <translation>found on another server (%1): restored there, %2 changes dropped from the log</translation>
    </message>
    <message>
        <source>backup %1 begun</source>
        <translation>backup %1 begun</translation>
    </message>
    <message>
        <source>backup %1 done</source>
        <translation>backup %1 done</translation>
    </message>
    <message>
        <source>site %1, counter %2 sent again %3 operations the centre had lost</source>
        <translation>site %1, counter %2 sent again %3 operations the centre had lost</translation>
    </message>
    <message>
        <source>Identity: system %1, timeline %2, epoch %3 (since %4, %5).</source>
        <translation>Identity: system %1, timeline %2, epoch %3 (since %4, %5).</translation>
    </message>
    <message>
        <source>Last backup: begun %1, done %2.</source>
        <translation>Last backup: begun %1, done %2.</translation>
    </message>
    <message>
        <source>Last backup: none marked done; the counters keep what they sent.</source>
        <translation>Last backup: none marked done; the counters keep what they sent.</translation>
    </message>
    <message>
        <source>A backup begun %1 is not yet marked done.</source>
        <translation>A backup begun %1 is not yet marked done.</translation>
    </message>
    <message>
        <source>--keep-days must be a number of days from 1 to 3650, not %1.</source>
        <translation>--keep-days must be a number of days from 1 to 3650, not %1.</translation>
    </message>
    <message>
        <source>Kept for a restore of the centre: %1 (oldest %2)</source>
        <translation>Kept for a restore of the centre: %1 (oldest %2)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>PgBouncer&apos;s login %1 is set up in %2: it may look up the password of a login that may connect to this database, and do nothing else.</source>
        <translation>PgBouncer&apos;s login %1 is set up in %2: it may look up the password of a login that may connect to this database, and do nothing else.</translation>
    </message>
    <message>
        <source>Its password is shown only this once; put this line in PgBouncer&apos;s auth_file:</source>
        <translation>Its password is shown only this once; put this line in PgBouncer&apos;s auth_file:</translation>
    </message>
    <message>
        <source>The login has a new password that is now nowhere: run this again.</source>
        <translation>The login has a new password that is now nowhere: run this again.</translation>
    </message>
    <message>
        <source>Its password is in %1 (PgBouncer&apos;s auth_file), and nowhere else.</source>
        <translation>Its password is in %1 (PgBouncer&apos;s auth_file), and nowhere else.</translation>
    </message>
    <message>
        <source>In pgbouncer.ini:</source>
        <translation>In pgbouncer.ini:</translation>
    </message>
    <message>
        <source>The centre, %1: %2</source>
        <translation>The centre, %1: %2</translation>
    </message>
    <message>
        <source>The backup done %1 is held back: the counters keep what it holds until every standby has it. Waiting for:</source>
        <translation>The backup done %1 is held back: the counters keep what it holds until every standby has it. Waiting for:</translation>
    </message>
    <message>
        <source>standby %1 (replication slot): never connected</source>
        <translation>standby %1 (replication slot): never connected</translation>
    </message>
    <message>
        <source>standby %1 (replication slot): connected, %2 bytes of WAL behind the mark</source>
        <translation>standby %1 (replication slot): connected, %2 bytes of WAL behind the mark</translation>
    </message>
    <message>
        <source>standby %1 (replication slot): not connected, %2 bytes of WAL behind the mark</source>
        <translation>standby %1 (replication slot): not connected, %2 bytes of WAL behind the mark</translation>
    </message>
    <message>
        <source>A standby that is gone for good: drop its slot (SELECT pg_drop_replication_slot(&apos;NAME&apos;)).</source>
        <translation>A standby that is gone for good: drop its slot (SELECT pg_drop_replication_slot(&apos;NAME&apos;)).</translation>
    </message>
    <message numerus="yes">
        <source>%n standby(s) stream without a replication slot: the centre cannot tell what they have and does not wait for them before the counters forget a backup&apos;s operations.</source>
        <translation>
            <numerusform>%n standby streams without a replication slot: the centre cannot tell what it has and does not wait for it before the counters forget a backup&apos;s operations.</numerusform>
            <numerusform>%n standbys stream without a replication slot: the centre cannot tell what they have and does not wait for them before the counters forget a backup&apos;s operations.</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>The folder %1 cannot be created.</translation>
    </message>
    <message>
        <source>Case %1: %2 page(s) and its electronic file written to %3.</source>
        <translation>Case %1: %2 page(s) and its electronic file written to %3.</translation>
    </message>
    <message>
        <source>No case has the number %1.</source>
        <translation>No case has the number %1.</translation>
    </message>
    <message>
        <source>--colour takes colour, grey or bw, not %1.</source>
        <translation>--colour takes colour, grey or bw, not %1.</translation>
    </message>
    <message>
        <source>--quality takes a number from 1 to 100, not %1.</source>
        <translation>--quality takes a number from 1 to 100, not %1.</translation>
    </message>
    <message>
        <source>--dpi takes a number from 72 to 600, not %1.</source>
        <translation>--dpi takes a number from 72 to 600, not %1.</translation>
    </message>
    <message>
        <source>--before takes a page position, not %1.</source>
        <translation>--before takes a page position, not %1.</translation>
    </message>
    <message>
        <source>Removed %1 unnamed page file(s), %2 abandoned draft page(s), %3 unused page record(s).</source>
        <translation>Removed %1 unnamed page file(s), %2 abandoned draft page(s), %3 unused page record(s).</translation>
    </message>
    <message>
        <source>--page-kbps must be KB a second from 0 (no cap) to 10000000, not %1.</source>
        <translation>--page-kbps must be KB a second from 0 (no cap) to 10000000, not %1.</translation>
    </message>
    <message>
        <source>Pages sent: %1 (%2 KB); page lists of %3 cases.</source>
        <translation>Pages sent: %1 (%2 KB); page lists of %3 cases.</translation>
    </message>
    <message>
        <source>Pages waiting for the centre: %1 (%2 KB, oldest %3)</source>
        <translation>Pages waiting for the centre: %1 (%2 KB, oldest %3)</translation>
    </message>
</context>
<context>
    <name>ow::ui::AdminController</name>
    <message>
        <source>The user was not added.</source>
        <translation>The user was not added.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>%1 (%2) added as %3.</source>
        <translation>%1 (%2) added as %3.</translation>
    </message>
    <message>
        <source>%1 may sign in again.</source>
        <translation>%1 may sign in again.</translation>
    </message>
    <message>
        <source>%1 is disabled and can no longer sign in.</source>
        <translation>%1 is disabled and can no longer sign in.</translation>
    </message>
    <message>
        <source>%1 is unlocked.</source>
        <translation>%1 is unlocked.</translation>
    </message>
    <message>
        <source>The password of %1 is set.</source>
        <translation>The password of %1 is set.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 is now %2.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Nothing was changed.</translation>
    </message>
    <message>
        <source>Saved: documents print the new wording from now on.</source>
        <translation>Saved: documents print the new wording from now on.</translation>
    </message>
</context>
<context>
    <name>ow::ui::AdminPage</name>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Centre&apos;s wording on documents</source>
        <translation>Centre&apos;s wording on documents</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Disa&amp;ble</source>
        <translation>Disa&amp;ble</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>The user chosen</source>
        <translation>The user chosen</translation>
    </message>
    <message>
        <source>Set the password</source>
        <translation>Set the password</translation>
    </message>
    <message>
        <source>New &amp;password</source>
        <translation>New &amp;password</translation>
    </message>
    <message>
        <source>Chan&amp;ge the role</source>
        <translation>Chan&amp;ge the role</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>A new user</source>
        <translation>A new user</translation>
    </message>
    <message>
        <source>Log&amp;in</source>
        <translation>Log&amp;in</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>R&amp;ole</source>
        <translation>R&amp;ole</translation>
    </message>
    <message>
        <source>&amp;Site code</source>
        <translation>&amp;Site code</translation>
    </message>
    <message>
        <source>Win&amp;dow</source>
        <translation>Win&amp;dow</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Pass&amp;word</translation>
    </message>
    <message>
        <source>R&amp;epeat the password</source>
        <translation>R&amp;epeat the password</translation>
    </message>
    <message>
        <source>&amp;Add the user</source>
        <translation>&amp;Add the user</translation>
    </message>
    <message>
        <source>Every receipt and notice prints the centre&apos;s name, address and phones below. Until they are saved they are an example centre&apos;s: set this centre&apos;s own now.</source>
        <translation>Every receipt and notice prints the centre&apos;s name, address and phones below. Until they are saved they are an example centre&apos;s: set this centre&apos;s own now.</translation>
    </message>
    <message>
        <source>&amp;Save the wording</source>
        <translation>&amp;Save the wording</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>locked until unlocked</source>
        <translation>locked until unlocked</translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation>locked until %1</translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation>Ena&amp;ble</translation>
    </message>
</context>
<context>
    <name>ow::ui::ApplicantEntryView</name>
    <message>
        <source>An agent applies for them</source>
        <translation>An agent applies for them</translation>
    </message>
    <message>
        <source>ID number or credit code — read the card or type, then Enter</source>
        <translation>ID number or credit code — read the card or type, then Enter</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Agent&apos;s name</source>
        <translation>Agent&apos;s name</translation>
    </message>
    <message>
        <source>Agent&apos;s ID number</source>
        <translation>Agent&apos;s ID number</translation>
    </message>
    <message>
        <source>Agent&apos;s phone</source>
        <translation>Agent&apos;s phone</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Legal person, credit code %1</source>
        <translation>Legal person, credit code %1</translation>
    </message>
    <message>
        <source>Natural person, ID %1</source>
        <translation>Natural person, ID %1</translation>
    </message>
    <message>
        <source>, born %1</source>
        <translation>, born %1</translation>
    </message>
    <message>
        <source>, male</source>
        <translation>, male</translation>
    </message>
    <message>
        <source>, female</source>
        <translation>, female</translation>
    </message>
    <message>
        <source>Known applicant. %1. Check the details, then Enter.</source>
        <translation>Known applicant. %1. Check the details, then Enter.</translation>
    </message>
    <message>
        <source>New applicant. %1. Type the details, then Enter.</source>
        <translation>New applicant. %1. Type the details, then Enter.</translation>
    </message>
    <message>
        <source>Read the applicant&apos;s ID card, or type the ID number or credit code.</source>
        <translation>Read the applicant&apos;s ID card, or type the ID number or credit code.</translation>
    </message>
</context>
<context>
    <name>ow::ui::ApplicantPanel</name>
    <message>
        <source>The credit warning was told to the applicant</source>
        <translation>The credit warning was told to the applicant</translation>
    </message>
    <message>
        <source>Earlier cases</source>
        <translation>Earlier cases</translation>
    </message>
    <message>
        <source>Materials on file</source>
        <translation>Materials on file</translation>
    </message>
    <message>
        <source>Reason for the override</source>
        <translation>Reason for the override</translation>
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
        <translation>(not accepted)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Earlier cases (%1)</source>
        <translation>Earlier cases (%1)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source> (valid until %1)</source>
        <translation> (valid until %1)</translation>
    </message>
    <message>
        <source>Materials on file (%1)</source>
        <translation>Materials on file (%1)</translation>
    </message>
    <message>
        <source>No applicant yet.</source>
        <translation>No applicant yet.</translation>
    </message>
    <message>
        <source>Supervisor&apos;s login</source>
        <translation>Supervisor&apos;s login</translation>
    </message>
    <message>
        <source>Supervisor&apos;s password</source>
        <translation>Supervisor&apos;s password</translation>
    </message>
</context>
<context>
    <name>ow::ui::CallbackPage</name>
    <message>
        <source>Show done ones too</source>
        <translation>Show done ones too</translation>
    </message>
    <message>
        <source>Rate the visit… (F12)</source>
        <translation>Rate the visit… (F12)</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>The result of the call (required)</source>
        <translation>The result of the call (required)</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <source>A call-back by hand</source>
        <translation>A call-back by hand</translation>
    </message>
    <message>
        <source>Case number (optional)</source>
        <translation>Case number (optional)</translation>
    </message>
    <message>
        <source>Why call back</source>
        <translation>Why call back</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <source>Choose a call-back in the list first.</source>
        <translation>Choose a call-back in the list first.</translation>
    </message>
    <message>
        <source>Call-back done: %1</source>
        <translation>Call-back done: %1</translation>
    </message>
    <message>
        <source>Call-back added, due %1.</source>
        <translation>Call-back added, due %1.</translation>
    </message>
</context>
<context>
    <name>ow::ui::CaseActionDialog</name>
    <message>
        <source>Forward case %1</source>
        <translation>Forward case %1</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Forward</translation>
    </message>
    <message>
        <source>The department that decides, e.g. 市住建局审批科</source>
        <translation>The department that decides, e.g. 市住建局审批科</translation>
    </message>
    <message>
        <source>Approve case %1</source>
        <translation>Approve case %1</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>Refuse case %1</source>
        <translation>Refuse case %1</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>Withdraw case %1</source>
        <translation>Withdraw case %1</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>e.g. the applicant&apos;s written request</source>
        <translation>e.g. the applicant&apos;s written request</translation>
    </message>
    <message>
        <source>Pause the clock of case %1 for a correction</source>
        <translation>Pause the clock of case %1 for a correction</translation>
    </message>
    <message>
        <source>Pause the clock of case %1 for a special procedure</source>
        <translation>Pause the clock of case %1 for a special procedure</translation>
    </message>
    <message>
        <source>Pause the clock</source>
        <translation>Pause the clock</translation>
    </message>
    <message>
        <source>What is awaited</source>
        <translation>What is awaited</translation>
    </message>
    <message>
        <source>The procedure, e.g. 专家评审</source>
        <translation>The procedure, e.g. 专家评审</translation>
    </message>
    <message>
        <source>Hand over the result of case %1</source>
        <translation>Hand over the result of case %1</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>The collector&apos;s resident ID number</source>
        <translation>The collector&apos;s resident ID number</translation>
    </message>
    <message>
        <source>A person the applicant &amp;authorised, with their own ID (the letter of authorisation is kept)</source>
        <translation>A person the applicant &amp;authorised, with their own ID (the letter of authorisation is kept)</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>&amp;Department</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>Collector&apos;s &amp;name</source>
        <translation>Collector&apos;s &amp;name</translation>
    </message>
    <message>
        <source>&amp;ID number</source>
        <translation>&amp;ID number</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Put the result of case %1 in the locker</source>
        <translation>Put the result of case %1 in the locker</translation>
    </message>
    <message>
        <source>Put in the locker</source>
        <translation>Put in the locker</translation>
    </message>
    <message>
        <source>As the locker shows it, e.g. A-12</source>
        <translation>As the locker shows it, e.g. A-12</translation>
    </message>
    <message>
        <source>The code the locker gave, sent to the applicant</source>
        <translation>The code the locker gave, sent to the applicant</translation>
    </message>
    <message>
        <source>The implementing departments of the case&apos;s items</source>
        <translation>The implementing departments of the case&apos;s items</translation>
    </message>
    <message>
        <source>&amp;Compartment</source>
        <translation>&amp;Compartment</translation>
    </message>
    <message>
        <source>&amp;Pick-up code</source>
        <translation>&amp;Pick-up code</translation>
    </message>
</context>
<context>
    <name>ow::ui::CaseDetailView</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Original or copy</source>
        <translation>Original or copy</translation>
    </message>
    <message>
        <source>Printer or file</source>
        <translation>Printer or file</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>Check code</translation>
    </message>
    <message>
        <source>Reprint as a copy (Ctrl+R)</source>
        <translation>Reprint as a copy (Ctrl+R)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Status history&lt;/b&gt;</source>
        <translation>&lt;b&gt;Status history&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Documents printed&lt;/b&gt;</source>
        <translation>&lt;b&gt;Documents printed&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Choose a case to see its history and its documents.</source>
        <translation>Choose a case to see its history and its documents.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>Promised by %1 (%n working day(s))</source>
        <translation>
            <numerusform>Promised by %1 (%n working day)</numerusform>
            <numerusform>Promised by %1 (%n working days)</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copy %1</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>File %1</source>
        <translation>File %1</translation>
    </message>
    <message>
        <source>Forward the case to the department that decides it.</source>
        <translation>Forward the case to the department that decides it.</translation>
    </message>
    <message>
        <source>Record the result: approved.</source>
        <translation>Record the result: approved.</translation>
    </message>
    <message>
        <source>Record the result: refused, with the reason.</source>
        <translation>Record the result: refused, with the reason.</translation>
    </message>
    <message>
        <source>Complete the case (办结).</source>
        <translation>Complete the case (办结).</translation>
    </message>
    <message>
        <source>Tell the applicant the result waits at the window.</source>
        <translation>Tell the applicant the result waits at the window.</translation>
    </message>
    <message>
        <source>Hand the result over: the collector&apos;s ID is checked.</source>
        <translation>Hand the result over: the collector&apos;s ID is checked.</translation>
    </message>
    <message>
        <source>Withdraw the case at the applicant&apos;s request, with the reason.</source>
        <translation>Withdraw the case at the applicant&apos;s request, with the reason.</translation>
    </message>
    <message>
        <source>Stop the legal clock while a correction is awaited.</source>
        <translation>Stop the legal clock while a correction is awaited.</translation>
    </message>
    <message>
        <source>Stop the legal clock for a special procedure (a hearing, an expert review, a test).</source>
        <translation>Stop the legal clock for a special procedure (a hearing, an expert review, a test).</translation>
    </message>
    <message>
        <source>Let the legal clock run again.</source>
        <translation>Let the legal clock run again.</translation>
    </message>
    <message>
        <source>The result goes by EMS: record the waybill and the delivery in the mailing ledger.</source>
        <translation>The result goes by EMS: record the waybill and the delivery in the mailing ledger.</translation>
    </message>
    <message>
        <source>&amp;Forward to a department…</source>
        <translation>&amp;Forward to a department…</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>&amp;Approve…</translation>
    </message>
    <message>
        <source>&amp;Refuse…</source>
        <translation>&amp;Refuse…</translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation>&amp;Complete</translation>
    </message>
    <message>
        <source>Await &amp;pick-up</source>
        <translation>Await &amp;pick-up</translation>
    </message>
    <message>
        <source>&amp;Hand over…</source>
        <translation>&amp;Hand over…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Withdraw…</translation>
    </message>
    <message>
        <source>Pause for c&amp;orrection…</source>
        <translation>Pause for c&amp;orrection…</translation>
    </message>
    <message>
        <source>Pause for a &amp;special procedure…</source>
        <translation>Pause for a &amp;special procedure…</translation>
    </message>
    <message>
        <source>R&amp;esume the clock</source>
        <translation>R&amp;esume the clock</translation>
    </message>
    <message>
        <source>&amp;Mailing ledger</source>
        <translation>&amp;Mailing ledger</translation>
    </message>
    <message>
        <source>The applicant brought what the one-time notice asked for: take the correction up again in the intake at the workbench.</source>
        <translation>The applicant brought what the one-time notice asked for: take the correction up again in the intake at the workbench.</translation>
    </message>
    <message>
        <source>Put the result in the self-service locker: record the compartment and the pick-up code.</source>
        <translation>Put the result in the self-service locker: record the compartment and the pick-up code.</translation>
    </message>
    <message>
        <source>The applicant collected the result from the locker.</source>
        <translation>The applicant collected the result from the locker.</translation>
    </message>
    <message>
        <source>Accept the correc&amp;tion at the workbench</source>
        <translation>Accept the correc&amp;tion at the workbench</translation>
    </message>
    <message>
        <source>Put in the &amp;locker…</source>
        <translation>Put in the &amp;locker…</translation>
    </message>
    <message>
        <source>Collected from the loc&amp;ker</source>
        <translation>Collected from the loc&amp;ker</translation>
    </message>
    <message>
        <source>Locker %1, compartment %2, pick-up code %3: put in on %4 by %5.</source>
        <translation>Locker %1, compartment %2, pick-up code %3: put in on %4 by %5.</translation>
    </message>
    <message>
        <source>Collected on %1.</source>
        <translation>Collected on %1.</translation>
    </message>
</context>
<context>
    <name>ow::ui::CaseListModel</name>
    <message numerus="yes">
        <source>%n working day(s) overdue</source>
        <translation>
            <numerusform>%n working day overdue</numerusform>
            <numerusform>%n working days overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Due today</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Decided</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>Promised</translation>
    </message>
    <message>
        <source>Legal clock</source>
        <translation>Legal clock</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
</context>
<context>
    <name>ow::ui::CasesController</name>
    <message>
        <source>The first %1 cases; narrow the search to see the rest.</source>
        <translation>The first %1 cases; narrow the search to see the rest.</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation>Nothing to do.</translation>
    </message>
    <message>
        <source>Case %1 forwarded to %2.</source>
        <translation>Case %1 forwarded to %2.</translation>
    </message>
    <message>
        <source>Case %1 approved.</source>
        <translation>Case %1 approved.</translation>
    </message>
    <message>
        <source>Case %1 refused: %2</source>
        <translation>Case %1 refused: %2</translation>
    </message>
    <message>
        <source>Case %1 completed.</source>
        <translation>Case %1 completed.</translation>
    </message>
    <message>
        <source>The result of case %1 awaits pick-up at the window.</source>
        <translation>The result of case %1 awaits pick-up at the window.</translation>
    </message>
    <message>
        <source>The result of case %1 was handed to %2.</source>
        <translation>The result of case %1 was handed to %2.</translation>
    </message>
    <message>
        <source>Case %1 withdrawn: %2</source>
        <translation>Case %1 withdrawn: %2</translation>
    </message>
    <message>
        <source>The legal clock of case %1 stands still from today.</source>
        <translation>The legal clock of case %1 stands still from today.</translation>
    </message>
    <message>
        <source>The legal clock of case %1 runs again.</source>
        <translation>The legal clock of case %1 runs again.</translation>
    </message>
    <message>
        <source>Case %1 is mailed through the mailing ledger.</source>
        <translation>Case %1 is mailed through the mailing ledger.</translation>
    </message>
    <message>
        <source>The result of case %1 is in the locker, compartment %2, pick-up code %3.</source>
        <translation>The result of case %1 is in the locker, compartment %2, pick-up code %3.</translation>
    </message>
    <message>
        <source>The result of case %1 was collected from the locker.</source>
        <translation>The result of case %1 was collected from the locker.</translation>
    </message>
    <message>
        <source>The correction %1 is taken up in the intake at the workbench.</source>
        <translation>The correction %1 is taken up in the intake at the workbench.</translation>
    </message>
</context>
<context>
    <name>ow::ui::CasesPage</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>Awaiting correction</source>
        <translation>Awaiting correction</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Awaiting pick-up</source>
        <translation>Awaiting pick-up</translation>
    </message>
    <message>
        <source>Mailed</source>
        <translation>Mailed</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>All cases</translation>
    </message>
    <message>
        <source>Case or notice number, ID number or credit code, or the applicant&apos;s name</source>
        <translation>Case or notice number, ID number or credit code, or the applicant&apos;s name</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Due soon within </source>
        <translation>Due soon within </translation>
    </message>
    <message>
        <source> working day(s)</source>
        <translation> working day(s)</translation>
    </message>
    <message>
        <source>Cases in progress this close to their promised date are yellow; past it, red.</source>
        <translation>Cases in progress this close to their promised date are yellow; past it, red.</translation>
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
            <numerusform>%n item in the catalogue</numerusform>
            <numerusform>%n items in the catalogue</numerusform>
        </translation>
    </message>
    <message>
        <source>No match with these filters</source>
        <translation>No match with these filters</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>No match</translation>
    </message>
    <message numerus="yes">
        <source>First %n matches</source>
        <translation>
            <numerusform>First %n match</numerusform>
            <numerusform>First %n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
</context>
<context>
    <name>ow::ui::CatalogueSearchView</name>
    <message>
        <source>Item name, code or pinyin initials…</source>
        <translation>Item name, code or pinyin initials…</translation>
    </message>
    <message>
        <source>Any level</source>
        <translation>Any level</translation>
    </message>
    <message>
        <source>Any handling</source>
        <translation>Any handling</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>Any category</translation>
    </message>
    <message>
        <source>Any department</source>
        <translation>Any department</translation>
    </message>
    <message>
        <source>Universal</source>
        <translation>Universal</translation>
    </message>
    <message>
        <source>Only items any window at any site may accept</source>
        <translation>Only items any window at any site may accept</translation>
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
        <translation>Not needed</translation>
    </message>
    <message>
        <source>Received, short</source>
        <translation>Received, short</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>Asked</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Received / source / reason</source>
        <translation>Received / source / reason</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Depends on %1</source>
        <translation>Depends on %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>ow::ui::ChecklistView</name>
    <message>
        <source>What is wrong with it? Enter to record, Esc to cancel</source>
        <translation>What is wrong with it? Enter to record, Esc to cancel</translation>
    </message>
    <message>
        <source>Choose an item to see its checklist.</source>
        <translation>Choose an item to see its checklist.</translation>
    </message>
    <message>
        <source>Complete: every required material is there.</source>
        <translation>Complete: every required material is there.</translation>
    </message>
    <message numerus="yes">
        <source>Not complete: %n material(s) outstanding.</source>
        <translation>
            <numerusform>Not complete: %n material outstanding.</numerusform>
            <numerusform>Not complete: %n materials outstanding.</numerusform>
        </translation>
    </message>
    <message>
        <source>Defect of %1:</source>
        <translation>Defect of %1:</translation>
    </message>
    <message>
        <source>Space received · A all the rest received · O original · C copy · B both · 1-9 copies · R reused · M missing · D defective · Del back · Ctrl+Z undo</source>
        <translation>Space received · A all the rest received · O original · C copy · B both · 1-9 copies · R reused · M missing · D defective · Del back · Ctrl+Z undo</translation>
    </message>
</context>
<context>
    <name>ow::ui::ConsultationPage</name>
    <message>
        <source>One-time notice handed out</source>
        <translation>One-time notice handed out</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>At the counter</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>By phone</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Item codes, separated by commas</source>
        <translation>Item codes, separated by commas</translation>
    </message>
    <message>
        <source>&amp;Channel</source>
        <translation>&amp;Channel</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>Asked by</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation>&amp;Topic</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Log (Ctrl+Enter)</source>
        <translation>Log (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Search the day&apos;s consultations</source>
        <translation>Search the day&apos;s consultations</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>Consultation logged: %1</source>
        <translation>Consultation logged: %1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>ow::ui::DeliveryView</name>
    <message>
        <source>Result by</source>
        <translation>Result by</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Recipient&apos;s phone</source>
        <translation>Recipient&apos;s phone</translation>
    </message>
    <message>
        <source>Mailing address</source>
        <translation>Mailing address</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Locker</source>
        <translation>Locker</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Edited by hand: kept when the applicant is corrected.</source>
        <translation>Edited by hand: kept when the applicant is corrected.</translation>
    </message>
</context>
<context>
    <name>ow::ui::DocumentPreviewDialog</name>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>Print preview: %1</source>
        <translation>Print preview: %1</translation>
    </message>
    <message>
        <source>Copy %1: printed before, every page is marked as a copy.</source>
        <translation>Copy %1: printed before, every page is marked as a copy.</translation>
    </message>
    <message>
        <source>Printer... (Ctrl+Shift+P)</source>
        <translation>Printer... (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Export PDF...</source>
        <translation>Export PDF...</translation>
    </message>
    <message>
        <source>Prints to the file %1</source>
        <translation>Prints to the file %1</translation>
    </message>
    <message>
        <source>Printer for labels: %1</source>
        <translation>Printer for labels: %1</translation>
    </message>
    <message>
        <source>Printer for A4: %1</source>
        <translation>Printer for A4: %1</translation>
    </message>
    <message>
        <source>No printer chosen for this paper yet: Ctrl+P asks which.</source>
        <translation>No printer chosen for this paper yet: Ctrl+P asks which.</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>Print %1</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ow::ui::FirstAdministratorDialog</name>
    <message>
        <source>Create and sign in</source>
        <translation>Create and sign in</translation>
    </message>
    <message>
        <source>OneWindow: first start</source>
        <translation>OneWindow: first start</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>e.g. 320581001: every case number starts with it</source>
        <translation>e.g. 320581001: every case number starts with it</translation>
    </message>
    <message>
        <source>The code of this service centre. Without it the workbench cannot accept cases; a clerk&apos;s own account may name another site.</source>
        <translation>The code of this service centre. Without it the workbench cannot accept cases; a clerk&apos;s own account may name another site.</translation>
    </message>
    <message>
        <source>e.g. 1</source>
        <translation>e.g. 1</translation>
    </message>
    <message>
        <source>This counter has no user yet. Create its administrator: they add the clerks and supervisors afterwards. The site and window say where this counter stands.</source>
        <translation>This counter has no user yet. Create its administrator: they add the clerks and supervisors afterwards. The site and window say where this counter stands.</translation>
    </message>
    <message>
        <source>Site code</source>
        <translation>Site code</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>Site code: it holds no spaces.</source>
        <translation>Site code: it holds no spaces.</translation>
    </message>
</context>
<context>
    <name>ow::ui::FormView</name>
    <message>
        <source>The form of the chosen items appears here.</source>
        <translation>The form of the chosen items appears here.</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>(not answered)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>a number</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 digits</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Does not apply to this applicant.</source>
        <translation>Does not apply to this applicant.</translation>
    </message>
    <message>
        <source>%1: edited by hand, kept when the applicant is corrected.</source>
        <translation>%1: edited by hand, kept when the applicant is corrected.</translation>
    </message>
</context>
<context>
    <name>ow::ui::IntakeController</name>
    <message>
        <source>Added: %1 (%2)</source>
        <translation>Added: %1 (%2)</translation>
    </message>
    <message>
        <source>Read the ID card or type the ID number or credit code.</source>
        <translation>Read the ID card or type the ID number or credit code.</translation>
    </message>
    <message>
        <source>%1 is neither a resident ID number (18 characters) nor a unified social credit code (18 characters).</source>
        <translation>%1 is neither a resident ID number (18 characters) nor a unified social credit code (18 characters).</translation>
    </message>
    <message>
        <source>Applicant: %1</source>
        <translation>Applicant: %1</translation>
    </message>
    <message>
        <source>The agent&apos;s ID number is missing.</source>
        <translation>The agent&apos;s ID number is missing.</translation>
    </message>
    <message>
        <source>Correct the applicant&apos;s details marked in red.</source>
        <translation>Correct the applicant&apos;s details marked in red.</translation>
    </message>
    <message>
        <source>Applicant confirmed: %1. Search for the items (F3).</source>
        <translation>Applicant confirmed: %1. Search for the items (F3).</translation>
    </message>
    <message>
        <source>This intake is decided. Ctrl+N starts the next applicant.</source>
        <translation>This intake is decided. Ctrl+N starts the next applicant.</translation>
    </message>
    <message>
        <source>%1. %2 (%3) · %4</source>
        <translation>%1. %2 (%3) · %4</translation>
    </message>
    <message>
        <source> · joint item %1</source>
        <translation> · joint item %1</translation>
    </message>
    <message>
        <source>No item yet: search on the left, Enter adds.</source>
        <translation>No item yet: search on the left, Enter adds.</translation>
    </message>
    <message>
        <source>%1 (%2) — %3</source>
        <translation>%1 (%2) — %3</translation>
    </message>
    <message>
        <source>Accepted and completed on the spot: case &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Accepted and completed on the spot: case &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message numerus="yes">
        <source>Accepted: case &lt;b&gt;%1&lt;/b&gt;, promised by &lt;b&gt;%2&lt;/b&gt; (%n working day(s)).</source>
        <translation>
            <numerusform>Accepted: case &lt;b&gt;%1&lt;/b&gt;, promised by &lt;b&gt;%2&lt;/b&gt; (%n working day).</numerusform>
            <numerusform>Accepted: case &lt;b&gt;%1&lt;/b&gt;, promised by &lt;b&gt;%2&lt;/b&gt; (%n working days).</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Provisional&lt;/b&gt;: the holiday calendar of that year is not published yet.</source>
        <translation>&lt;b&gt;Provisional&lt;/b&gt;: the holiday calendar of that year is not published yet.</translation>
    </message>
    <message numerus="yes">
        <source>Corrections asked: one-time notice &lt;b&gt;%1&lt;/b&gt;, %n material(s) to bring.</source>
        <translation>
            <numerusform>Corrections asked: one-time notice &lt;b&gt;%1&lt;/b&gt;, %n material to bring.</numerusform>
            <numerusform>Corrections asked: one-time notice &lt;b&gt;%1&lt;/b&gt;, %n materials to bring.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not accepted: notice &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Not accepted: notice &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Visit %1 of this matter.</source>
        <translation>Visit %1 of this matter.</translation>
    </message>
    <message>
        <source>Decision recorded. Read the next ID card, or Ctrl+N.</source>
        <translation>Decision recorded. Read the next ID card, or Ctrl+N.</translation>
    </message>
    <message>
        <source>Decision recorded: %1</source>
        <translation>Decision recorded: %1</translation>
    </message>
    <message>
        <source>None for these items.</source>
        <translation>None for these items.</translation>
    </message>
    <message>
        <source>An intake is in progress: decide it or start the next applicant (Ctrl+N), then take up the correction %1.</source>
        <translation>An intake is in progress: decide it or start the next applicant (Ctrl+N), then take up the correction %1.</translation>
    </message>
    <message>
        <source>No material is left to check.</source>
        <translation>No material is left to check.</translation>
    </message>
    <message numerus="yes">
        <source>%n material(s) marked received as asked (Ctrl+Z undoes).</source>
        <translation>
            <numerusform>%n material marked received as asked (Ctrl+Z undoes).</numerusform>
            <numerusform>%n materials marked received as asked (Ctrl+Z undoes).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is missing.</source>
        <translation>%1 is missing.</translation>
    </message>
    <message>
        <source>Missing: %1. Type them, or Ctrl+Enter to go on without them.</source>
        <translation>Missing: %1. Type them, or Ctrl+Enter to go on without them.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Applicant confirmed without %1: %2. Search for the items (F3).</source>
        <translation>Applicant confirmed without %1: %2. Search for the items (F3).</translation>
    </message>
    <message>
        <source>This matter has an open correction (notice %1): this is a further visit, and what was brought and filled in last time is kept.</source>
        <translation>This matter has an open correction (notice %1): this is a further visit, and what was brought and filled in last time is kept.</translation>
    </message>
    <message>
        <source>Nothing to undo on the checklist.</source>
        <translation>Nothing to undo on the checklist.</translation>
    </message>
    <message numerus="yes">
        <source>Undone: %n material(s) as they were.</source>
        <translation>
            <numerusform>Undone: %n material as it was.</numerusform>
            <numerusform>Undone: %n materials as they were.</numerusform>
        </translation>
    </message>
    <message>
        <source>Next applicant brought by %1: read their ID card.</source>
        <translation>Next applicant brought by %1: read their ID card.</translation>
    </message>
</context>
<context>
    <name>ow::ui::IntakeView</name>
    <message>
        <source>Accept (F8)</source>
        <translation>Accept (F8)</translation>
    </message>
    <message>
        <source>Ask for corrections (F9)</source>
        <translation>Ask for corrections (F9)</translation>
    </message>
    <message>
        <source>Refuse (F10)</source>
        <translation>Refuse (F10)</translation>
    </message>
    <message>
        <source>Next applicant (Ctrl+N)</source>
        <translation>Next applicant (Ctrl+N)</translation>
    </message>
    <message>
        <source>Applicant (F2)</source>
        <translation>Applicant (F2)</translation>
    </message>
    <message>
        <source>Items (Enter in the search adds, Del removes)</source>
        <translation>Items (Enter in the search adds, Del removes)</translation>
    </message>
    <message>
        <source>Related items (F7, Enter adds)</source>
        <translation>Related items (F7, Enter adds)</translation>
    </message>
    <message>
        <source>Materials (F4)</source>
        <translation>Materials (F4)</translation>
    </message>
    <message>
        <source>Application form (F6)</source>
        <translation>Application form (F6)</translation>
    </message>
    <message>
        <source>Delivery of the result</source>
        <translation>Delivery of the result</translation>
    </message>
    <message>
        <source>Why the application is not accepted</source>
        <translation>Why the application is not accepted</translation>
    </message>
    <message>
        <source>The law, regulation and article</source>
        <translation>The law, regulation and article</translation>
    </message>
    <message>
        <source>When it is another body&apos;s matter: which body</source>
        <translation>When it is another body&apos;s matter: which body</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <source>Legal basis *</source>
        <translation>Legal basis *</translation>
    </message>
    <message>
        <source>Competent body</source>
        <translation>Competent body</translation>
    </message>
    <message>
        <source>Enter on the last field records the refusal, Esc cancels.</source>
        <translation>Enter on the last field records the refusal, Esc cancels.</translation>
    </message>
</context>
<context>
    <name>ow::ui::ItemDetailView</name>
    <message>
        <source>Search for an item to see its materials and conditions.</source>
        <translation>Search for an item to see its materials and conditions.</translation>
    </message>
    <message>
        <source>Joint</source>
        <translation>Joint</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Item type</source>
        <translation>Item type</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Levels</translation>
    </message>
    <message>
        <source>Universal</source>
        <translation>Universal</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Result issued</source>
        <translation>Result issued</translation>
    </message>
    <message>
        <source>Any window at any site may accept it</source>
        <translation>Any window at any site may accept it</translation>
    </message>
    <message>
        <source>Acceptance conditions</source>
        <translation>Acceptance conditions</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>Materials (%1)</source>
        <translation>Materials (%1)</translation>
    </message>
    <message>
        <source>Promised %1 in all</source>
        <translation>Promised %1 in all</translation>
    </message>
    <message>
        <source>%1. &lt;b&gt;%2&lt;/b&gt; (%3), %4, %5</source>
        <translation>%1. &lt;b&gt;%2&lt;/b&gt; (%3), %4, %5</translation>
    </message>
    <message>
        <source>Merged materials (%1)</source>
        <translation>Merged materials (%1)</translation>
    </message>
    <message>
        <source>Member items (%1)</source>
        <translation>Member items (%1)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>ow::ui::KeyHelpDialog</name>
    <message>
        <source>The item search; Enter adds the item found</source>
        <translation>The item search; Enter adds the item found</translation>
    </message>
    <message>
        <source>The ID entry: an ID number or credit code, Enter</source>
        <translation>The ID entry: an ID number or credit code, Enter</translation>
    </message>
    <message>
        <source>The related items suggested for this matter</source>
        <translation>The related items suggested for this matter</translation>
    </message>
    <message>
        <source>The checklist: Space received, O / C / B original, copy or both, 1-9 + - copies, R reused, M missing, D defective, Del to check</source>
        <translation>The checklist: Space received, O / C / B original, copy or both, 1-9 + - copies, R reused, M missing, D defective, Del to check</translation>
    </message>
    <message>
        <source>The merged form; Enter moves on like Tab</source>
        <translation>The merged form; Enter moves on like Tab</translation>
    </message>
    <message>
        <source>The credit warning was told to the applicant</source>
        <translation>The credit warning was told to the applicant</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Ask for corrections (one-time notice)</source>
        <translation>Ask for corrections (one-time notice)</translation>
    </message>
    <message>
        <source>Refuse, with reason, legal basis and competent body</source>
        <translation>Refuse, with reason, legal basis and competent body</translation>
    </message>
    <message>
        <source>The next applicant</source>
        <translation>The next applicant</translation>
    </message>
    <message>
        <source>In the print preview: print</source>
        <translation>In the print preview: print</translation>
    </message>
    <message>
        <source>Search cases by number, ID number or name</source>
        <translation>Search cases by number, ID number or name</translation>
    </message>
    <message>
        <source>Choose a case in the list</source>
        <translation>Choose a case in the list</translation>
    </message>
    <message>
        <source>Reprint the chosen document as a copy</source>
        <translation>Reprint the chosen document as a copy</translation>
    </message>
    <message>
        <source>On a document: reprint it as a copy</source>
        <translation>On a document: reprint it as a copy</translation>
    </message>
    <message>
        <source>Record the consultation</source>
        <translation>Record the consultation</translation>
    </message>
    <message>
        <source>Keys: %1</source>
        <translation>Keys: %1</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>What it does</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Everywhere</translation>
    </message>
</context>
<context>
    <name>ow::ui::MailingLedgerPage</name>
    <message>
        <source>any</source>
        <translation>any</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>Waybill, case number or recipient</source>
        <translation>Waybill, case number or recipient</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>Sent from</source>
        <translation>Sent from</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Print to PDF…</source>
        <translation>Print to PDF…</translation>
    </message>
    <message>
        <source>Record the waybill of a completed EMS case</source>
        <translation>Record the waybill of a completed EMS case</translation>
    </message>
    <message>
        <source>Scan or type the waybill number</source>
        <translation>Scan or type the waybill number</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Print the slip…</source>
        <translation>Print the slip…</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>Waybill</translation>
    </message>
    <message>
        <source>The mailing chosen above</source>
        <translation>The mailing chosen above</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Why it came back</source>
        <translation>Why it came back</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>On</source>
        <translation>On</translation>
    </message>
    <message>
        <source>What the follow-up call found</source>
        <translation>What the follow-up call found</translation>
    </message>
    <message>
        <source>Log follow-up</source>
        <translation>Log follow-up</translation>
    </message>
    <message>
        <source>Follow-up call</source>
        <translation>Follow-up call</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>Delivered / returned on</source>
        <translation>Delivered / returned on</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s); last: %1</source>
        <translation>
            <numerusform>%n call(s); last: %1</numerusform>
            <numerusform>%n call(s); last: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Case %1 mailed with waybill %2.</source>
        <translation>Case %1 mailed with waybill %2.</translation>
    </message>
    <message>
        <source>Choose a mailing in the ledger first.</source>
        <translation>Choose a mailing in the ledger first.</translation>
    </message>
    <message>
        <source>The mailing of case %1 was delivered.</source>
        <translation>The mailing of case %1 was delivered.</translation>
    </message>
    <message>
        <source>The mailing of case %1 came back: a call-back task is due.</source>
        <translation>The mailing of case %1 came back: a call-back task is due.</translation>
    </message>
    <message>
        <source>Follow-up call of case %1 logged.</source>
        <translation>Follow-up call of case %1 logged.</translation>
    </message>
    <message numerus="yes">
        <source>%n mailing(s) exported to %1.</source>
        <translation>
            <numerusform>%n mailing(s) exported to %1.</numerusform>
            <numerusform>%n mailing(s) exported to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mailing(s) printed to %1.</source>
        <translation>
            <numerusform>%n mailing(s) printed to %1.</numerusform>
            <numerusform>%n mailing(s) printed to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the ledger</source>
        <translation>Export the ledger</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Print the ledger</source>
        <translation>Print the ledger</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ow::ui::MainWindow</name>
    <message>
        <source>OneWindow</source>
        <translation>OneWindow</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <source>Site: not set</source>
        <translation>Site: not set</translation>
    </message>
    <message>
        <source>Window: not set</source>
        <translation>Window: not set</translation>
    </message>
    <message>
        <source>Clerk: not signed in</source>
        <translation>Clerk: not signed in</translation>
    </message>
    <message>
        <source>Local store</source>
        <translation>Local store</translation>
    </message>
    <message>
        <source>Chosen: %1 (%2)</source>
        <translation>Chosen: %1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n joint</source>
        <translation>
            <numerusform>, %n joint</numerusform>
            <numerusform>, %n joint</numerusform>
        </translation>
    </message>
    <message>
        <source>Site: %1</source>
        <translation>Site: %1</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>Window: %1</translation>
    </message>
    <message>
        <source>Clerk: %1</source>
        <translation>Clerk: %1</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message numerus="yes">
        <source>Overdue: %n</source>
        <translation>
            <numerusform>Overdue: %n</numerusform>
            <numerusform>Overdue: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Due soon: %n</source>
        <translation>
            <numerusform>Due soon: %n</numerusform>
            <numerusform>Due soon: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Sampling</translation>
    </message>
    <message>
        <source>Mailing ledger</source>
        <translation>Mailing ledger</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>Consultations</translation>
    </message>
    <message>
        <source>Call-backs</source>
        <translation>Call-backs</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>These keys</source>
        <translation>These keys</translation>
    </message>
    <message>
        <source>The applicant rates this visit</source>
        <translation>The applicant rates this visit</translation>
    </message>
    <message>
        <source>Lock the screen</source>
        <translation>Lock the screen</translation>
    </message>
</context>
<context>
    <name>ow::ui::MaterialTableModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Required?</source>
        <translation>Required?</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>For items</source>
        <translation>For items</translation>
    </message>
</context>
<context>
    <name>ow::ui::RatingDialog</name>
    <message>
        <source>Rate the visit</source>
        <translation>Rate the visit</translation>
    </message>
    <message>
        <source>Case number (empty: a visit without a case)</source>
        <translation>Case number (empty: a visit without a case)</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>Required for 2 (dissatisfied) and 1</source>
        <translation>Required for 2 (dissatisfied) and 1</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Record the rating</source>
        <translation>Record the rating</translation>
    </message>
</context>
<context>
    <name>ow::ui::SamplingController</name>
    <message>
        <source>%1 of %2 cases drawn (seed %3).</source>
        <translation>%1 of %2 cases drawn (seed %3).</translation>
    </message>
    <message>
        <source>Choose a sampled case in the table first.</source>
        <translation>Choose a sampled case in the table first.</translation>
    </message>
    <message>
        <source>Finding recorded for %1.</source>
        <translation>Finding recorded for %1.</translation>
    </message>
    <message>
        <source>Case %1 closed.</source>
        <translation>Case %1 closed.</translation>
    </message>
</context>
<context>
    <name>ow::ui::SamplingPage</name>
    <message>
        <source>Draw</source>
        <translation>Draw</translation>
    </message>
    <message>
        <source>Record the finding</source>
        <translation>Record the finding</translation>
    </message>
    <message>
        <source>Close the case</source>
        <translation>Close the case</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Rectification required</source>
        <translation>Rectification required</translation>
    </message>
    <message>
        <source>Finding by</source>
        <translation>Finding by</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <source>Closing note</source>
        <translation>Closing note</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>What was found</translation>
    </message>
    <message>
        <source>What must be put right</source>
        <translation>What must be put right</translation>
    </message>
    <message>
        <source>The rectification done, or that nothing was found</source>
        <translation>The rectification done, or that nothing was found</translation>
    </message>
    <message>
        <source>Cases accepted from</source>
        <translation>Cases accepted from</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Number of cases</source>
        <translation>Number of cases</translation>
    </message>
    <message>
        <source>Closure</source>
        <translation>Closure</translation>
    </message>
    <message>
        <source>%1 to %2, seed %3</source>
        <translation>%1 to %2, seed %3</translation>
    </message>
</context>
<context>
    <name>ow::ui::ScreenLock</name>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>The screen is locked.</source>
        <translation>The screen is locked.</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2). Type the password to go on.</source>
        <translation>Signed in: %1 (%2). Type the password to go on.</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2, %3)</source>
        <translation>Signed in: %1 (%2, %3)</translation>
    </message>
</context>
<context>
    <name>ow::ui::SearchResultModel</name>
    <message>
        <source>Joint</source>
        <translation>Joint</translation>
    </message>
</context>
<context>
    <name>ow::ui::ServiceController</name>
    <message>
        <source>This window prints no EMS slips.</source>
        <translation>This window prints no EMS slips.</translation>
    </message>
    <message>
        <source>Case %1 mailed with waybill %2.</source>
        <translation>Case %1 mailed with waybill %2.</translation>
    </message>
    <message>
        <source>The mailing of case %1 was delivered.</source>
        <translation>The mailing of case %1 was delivered.</translation>
    </message>
    <message>
        <source>The mailing of case %1 came back: a call-back task is due.</source>
        <translation>The mailing of case %1 came back: a call-back task is due.</translation>
    </message>
    <message>
        <source>Follow-up call of case %1 logged.</source>
        <translation>Follow-up call of case %1 logged.</translation>
    </message>
    <message>
        <source>The ledger was exported to %1.</source>
        <translation>The ledger was exported to %1.</translation>
    </message>
    <message>
        <source>The ledger was printed to %1.</source>
        <translation>The ledger was printed to %1.</translation>
    </message>
    <message>
        <source>Consultation logged.</source>
        <translation>Consultation logged.</translation>
    </message>
    <message>
        <source>Call-back task added.</source>
        <translation>Call-back task added.</translation>
    </message>
    <message>
        <source>Call-back done.</source>
        <translation>Call-back done.</translation>
    </message>
    <message>
        <source>Rating recorded: %1. A call-back task is due.</source>
        <translation>Rating recorded: %1. A call-back task is due.</translation>
    </message>
    <message>
        <source>Rating recorded: %1.</source>
        <translation>Rating recorded: %1.</translation>
    </message>
</context>
<context>
    <name>ow::ui::SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>OneWindow: sign in</source>
        <translation>OneWindow: sign in</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Sign in to the comprehensive window.</source>
        <translation>Sign in to the comprehensive window.</translation>
    </message>
    <message>
        <source>Type your login.</source>
        <translation>Type your login.</translation>
    </message>
</context>
<context>
    <name>ow::ui::StatsController</name>
    <message>
        <source>The statistics could not be written to %1: %2</source>
        <translation>The statistics could not be written to %1: %2</translation>
    </message>
    <message>
        <source>Export the statistics</source>
        <translation>Export the statistics</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Statistics written to %1</source>
        <translation>Statistics written to %1</translation>
    </message>
</context>
<context>
    <name>ow::ui::StatsPage</name>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Grouped</source>
        <translation>Grouped</translation>
    </message>
    <message>
        <source>Cases accepted and completed, completion and on-time rates</source>
        <translation>Cases accepted and completed, completion and on-time rates</translation>
    </message>
</context>
<context>
    <name>ow::ui::SyncIndicator</name>
    <message>
        <source>Centre: connecting</source>
        <translation>Centre: connecting</translation>
    </message>
    <message>
        <source>Centre: syncing</source>
        <translation>Centre: syncing</translation>
    </message>
    <message>
        <source>Centre: online</source>
        <translation>Centre: online</translation>
    </message>
    <message>
        <source>Centre: offline since %1</source>
        <translation>Centre: offline since %1</translation>
    </message>
    <message>
        <source>Centre: error</source>
        <translation>Centre: error</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message>
        <source>Click for the sync panel</source>
        <translation>Click for the sync panel</translation>
    </message>
    <message>
        <source>Centre: not connected</source>
        <translation>Centre: not connected</translation>
    </message>
</context>
<context>
    <name>ow::ui::SyncPanel</name>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>Last success</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>Refused at</source>
        <translation>Refused at</translation>
    </message>
    <message>
        <source>Refused by the centre (kept here, nothing is lost):</source>
        <translation>Refused by the centre (kept here, nothing is lost):</translation>
    </message>
    <message>
        <source>%1 in all: %2 under an hour, %3 under a day, %4 older</source>
        <translation>%1 in all: %2 under an hour, %3 under a day, %4 older</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <source>To set it up, run on this PC, with the address and password the centre gave for this site:
    onewindow-admin sync configure --central postgresql://LOGIN:PASSWORD@HOST:PORT/DATABASE --site CODE
The password goes to a file only you can read. Until then, every case stays here and nothing is lost.</source>
        <translation>To set it up, run on this PC, with the address and password the centre gave for this site:
    onewindow-admin sync configure --central postgresql://LOGIN:PASSWORD@HOST:PORT/DATABASE --site CODE
The password goes to a file only you can read. Until then, every case stays here and nothing is lost.</translation>
    </message>
    <message>
        <source>This counter has no central address yet, so it does not send its cases to the centre.</source>
        <translation>This counter has no central address yet, so it does not send its cases to the centre.</translation>
    </message>
    <message>
        <source>The central address in the sync settings cannot be read (%1).</source>
        <translation>The central address in the sync settings cannot be read (%1).</translation>
    </message>
    <message>
        <source>The password for the centre is missing: there is no file %1, so this counter cannot sign in at the centre.</source>
        <translation>The password for the centre is missing: there is no file %1, so this counter cannot sign in at the centre.</translation>
    </message>
    <message>
        <source>The password file %1 can be read by other users of this PC, so it is not used. Make it private with:
    chmod 600 %1
or write it again:</source>
        <translation>The password file %1 can be read by other users of this PC, so it is not used. Make it private with:
    chmod 600 %1
or write it again:</translation>
    </message>
    <message>
        <source>The password file %1 cannot be read (%2). Check that it belongs to the user running OneWindow, or write it again:</source>
        <translation>The password file %1 cannot be read (%2). Check that it belongs to the user running OneWindow, or write it again:</translation>
    </message>
    <message>
        <source>The centre</source>
        <translation>The centre</translation>
    </message>
    <message>
        <source>Kept for a restore of the centre</source>
        <translation>Kept for a restore of the centre</translation>
    </message>
    <message>
        <source>nothing to report</source>
        <translation>nothing to report</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s), the oldest answered %1</source>
        <translation>
            <numerusform>%n record, the oldest answered %1</numerusform>
            <numerusform>%n records, the oldest answered %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Pages waiting: %1 (%2 MB), the oldest captured %3</source>
        <translation>Pages waiting: %1 (%2 MB), the oldest captured %3</translation>
    </message>
</context>
<context>
    <name>ow::ui::WorkbenchPage</name>
    <message>
        <source>Intake</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>Item detail</source>
        <translation>Item detail</translation>
    </message>
</context>
</TS>
