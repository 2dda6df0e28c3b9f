#include "catalogue/CatalogueGenerator.h"

#include "catalogue/Pinyin.h"

#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <vector>

namespace ow {

namespace {

// One area of the list: its department and the objects it acts on. Objects
// are "name/KIND" or "name/KIND/action,action"; KIND picks the item type and
// the usual actions (L licence, A approval, R registration, F filing,
// C confirmation, B benefit, S public service, Z levy, J ruling, W award).
struct Domain
{
    const char* category;
    const char* department;
    const char* law;
    const char* objects;
    const char* keywords;
};

const Domain kDomains[] = {
    {"规划建设", "自然资源和规划局", "《中华人民共和国城乡规划法》",
     "建设用地规划许可证/L;建设工程规划许可证/L;乡村建设规划许可证/L;建设项目用地预审与选址意见书/L;"
     "临时建设工程规划/A;建设工程规划条件核实/C;国有建设用地使用权出让/A;集体经营性建设用地入市/A",
     "规划证;用地;盖房"},
    {"住房城乡建设", "住房和城乡建设局", "《中华人民共和国建筑法》",
     "建筑工程施工许可证/L;商品房预售许可证/L;燃气经营许可证/L;城镇污水排入排水管网许可证/L;"
     "房屋建筑和市政基础设施工程竣工验收/F;施工图设计文件审查/F;物业服务合同/F;房屋租赁合同/F/登记备案,变更备案;"
     "建筑业企业资质/A/核准,延续,变更;供水单位卫生许可/A;人民防空工程建设/A",
     "施工证;预售证;排水证;开工"},
    {"市场监管", "市场监督管理局", "《中华人民共和国食品安全法》",
     "食品经营许可证/L;食品生产许可证/L;小餐饮经营许可证/L;个体工商户/R/设立登记,变更登记,注销登记;"
     "有限责任公司/R/设立登记,变更登记,注销登记,备案;农民专业合作社/R/设立登记,变更登记,注销登记;"
     "特种设备使用/R/登记,变更登记,注销登记;药品零售企业经营许可证/L;医疗器械经营/F;"
     "计量标准/C/考核,复查;仅销售预包装食品/F;广告发布/R/登记,变更登记",
     "开饭店;办执照;营业执照;开店;餐馆"},
    {"生态环境", "生态环境局", "《中华人民共和国环境影响评价法》",
     "排污许可证/L;建设项目环境影响报告书/A;建设项目环境影响报告表/A;建设项目环境影响登记表/F;"
     "危险废物经营许可证/L;辐射安全许可证/L;固体废物跨省转移/A",
     "环评;排污证"},
    {"交通运输", "交通运输局", "《中华人民共和国道路运输条例》",
     "道路运输经营许可证/L;道路运输证/L;网络预约出租汽车运输证/L;出租汽车驾驶员从业资格证/L;"
     "公路超限运输/A;涉路施工/A;机动车维修经营/F;驾驶员培训/F;道路货物运输驾驶员从业资格/C/认定,诚信考核",
     "运输证;网约车;货车"},
    {"水利", "水利局", "《中华人民共和国水法》",
     "取水许可证/L;河道管理范围内建设项目/A;生产建设项目水土保持方案/A;洪水影响评价类/A;"
     "农村集体经济组织修建水库/A;水利工程质量检测单位资质/A/认定,延续",
     "取水证;河道"},
    {"农业农村", "农业农村局", "《中华人民共和国种子法》",
     "农作物种子生产经营许可证/L;兽药经营许可证/L;动物防疫条件合格证/L;农药经营许可证/L;"
     "渔业捕捞许可证/L;农村村民宅基地/A;拖拉机和联合收割机/R/登记,转移登记,注销登记;"
     "耕地地力保护补贴/B;农机购置补贴/B;动物诊疗许可证/L;水产苗种生产许可证/L",
     "种子证;宅基地;补贴"},
    {"卫生健康", "卫生健康局", "《医疗机构管理条例》",
     "医疗机构执业许可证/L;公共场所卫生许可证/L;放射诊疗许可证/L;母婴保健技术服务执业许可证/L;"
     "医师执业/R/注册,变更注册,注销注册;护士执业/R/注册,延续注册,变更注册;出生医学证明/S/签发,补发,换发;"
     "计划生育家庭特别扶助金/B;农村部分计划生育家庭奖励扶助/W;诊所/F",
     "卫生许可;出生证;医师证"},
    {"民政", "民政局", "《社会救助暂行办法》",
     "社会团体/R/成立登记,变更登记,注销登记;民办非企业单位/R/成立登记,变更登记,注销登记;"
     "最低生活保障/B/审核确认,给付;特困人员救助供养/B/审核确认,给付;临时救助/B/审核确认,给付;"
     "困难残疾人生活补贴/B/给付;重度残疾人护理补贴/B/给付;高龄津贴/B/申领,给付;"
     "内地居民婚姻/R/结婚登记,离婚登记,补领婚姻登记证;养老机构/F;慈善组织公开募捐资格/C/认定",
     "低保;救助;结婚;离婚;补贴"},
    {"人力社保", "人力资源和社会保障局", "《中华人民共和国社会保险法》",
     "失业保险金/B/申领,给付;职工基本养老保险关系/S/转移接续;养老保险待遇资格/S/认证;"
     "城乡居民基本养老保险/S/参保登记,待遇申领,注销登记;就业创业证/S/申领,补领;"
     "人力资源服务许可证/L;劳务派遣经营许可证/L;社会保障卡/S/申领,补换,挂失,解挂;"
     "退休人员生活困难补助/B/申领,给付;企业职工退休/C/审批,确认;工伤/C/认定;劳动能力/C/鉴定",
     "社保;退休;失业金;社保卡;生存认证"},
    {"医疗保障", "医疗保障局", "《医疗保障基金使用监督管理条例》",
     "医疗救助/B/申请,给付;基本医疗保险参保/R/登记,变更登记;异地就医/F;医疗费用零星报销/B/申请;"
     "门诊慢特病待遇/C/认定;生育医疗费用/B/报销",
     "医保;报销;异地就医;慢病"},
    {"公安", "公安局", "《中华人民共和国居民身份证法》",
     "居民身份证/S/申领,换领,补领;户口/S/迁入,迁出,注销;出生/R/登记;居住证/S/申领,签注;"
     "机动车/R/注册登记,转移登记,变更登记,抵押登记;机动车驾驶证/S/换证,补证,审验;养犬/R/登记,延续登记",
     "身份证;户口;上户;驾照;行驶证"},
    {"文化旅游", "文化广电旅游局", "《营业性演出管理条例》",
     "营业性演出许可证/L;娱乐场所经营许可证/L;网络文化经营许可证/L;旅行社业务经营许可证/L;"
     "出版物零售经营许可证/L;互联网上网服务营业场所/A/审批,变更;卫星电视广播地面接收设施安装/A;"
     "有线数字电视/S/收费代缴,开户,报停;文物保护单位建设控制地带内建设工程/A",
     "演出证;网吧;KTV;歌舞厅;数字电视;电视费"},
    {"教育", "教育局", "《中华人民共和国民办教育促进法》",
     "民办学校办学许可证/L;教师资格/C/认定;家庭经济困难学生资助/B/申请,给付;"
     "校外培训机构办学许可证/L;适龄儿童少年/S/入学登记,转学,休学",
     "教师证;助学金;入学"},
    {"商务", "商务局", "《中华人民共和国对外贸易法》",
     "对外贸易经营者/F;单用途商业预付卡/F;报废机动车回收拆解企业资格/C/认定;成品油零售经营资格/A;"
     "再生资源回收经营者/F;酒类流通/F",
     "外贸;预付卡"},
    {"应急管理", "应急管理局", "《中华人民共和国安全生产法》",
     "危险化学品经营许可证/L;烟花爆竹经营（零售）许可证/L;非煤矿矿山安全生产许可证/L;"
     "生产安全事故应急预案/F;第二类非药品类易制毒化学品经营/F",
     "危化品;烟花爆竹"},
    {"城市管理", "综合行政执法局", "《城市市容和环境卫生管理条例》",
     "城市建筑垃圾处置/A/核准;户外广告设施设置/A;临时占用城市道路/A;挖掘城市道路/A;"
     "城市绿地/A/占用审批;砍伐城市树木/A;设置大型户外广告/A;从事城市生活垃圾经营性清扫、收集、运输服务/A",
     "占道;广告牌;渣土;挖路"},
    {"退役军人", "退役军人事务局", "《退役军人保障法》",
     "退役士兵自主就业一次性经济补助金/B/给付;残疾军人伤残抚恤金/B/给付;退役军人优待证/S/申领,补领;"
     "光荣牌/S/悬挂;烈士褒扬金/B/给付;重点优抚对象/C/认定",
     "退伍;优待证;抚恤"},
    {"税务", "税务局", "《中华人民共和国税收征收管理法》",
     "发票/S/领用,代开;增值税专用发票最高开票限额/A;纳税证明/S/开具;车辆购置税/Z;契税/Z;"
     "城镇土地使用税/Z;税务登记/R/信息确认,注销;个人所得税经营所得/S/申报",
     "发票;纳税;交税;代开"},
    {"住房公积金", "住房公积金管理中心", "《住房公积金管理条例》",
     "住房公积金缴存/R/登记,变更登记,注销登记;住房公积金/S/提取,转移接续,个人住房贷款申请;"
     "住房公积金缴存证明/S/开具;住房公积金个人账户/S/设立,封存,启封",
     "公积金;提取;贷款"},
    {"不动产登记", "不动产登记中心", "《不动产登记暂行条例》",
     "国有建设用地使用权及房屋所有权/R/首次登记,转移登记,变更登记,注销登记;抵押权/R/首次登记,注销登记;"
     "预告登记/R/设立,注销;不动产权证书/S/换发,补发;不动产登记资料/S/查询;居住权/R/首次登记,注销登记;"
     "宅基地使用权及房屋所有权/R/首次登记,转移登记",
     "房产证;过户;抵押;查档;二手房"},
    {"残疾人服务", "残疾人联合会", "《中华人民共和国残疾人保障法》",
     "残疾人证/S/办理,换领,迁移,注销;残疾人辅助器具适配补贴/B/申请;残疾人机动轮椅车燃油补贴/B/给付;"
     "残疾人就业创业扶持/B/申请",
     "残疾证;轮椅"},
    {"林业", "林业局", "《中华人民共和国森林法》",
     "林木采伐许可证/L;使用林地/A/审核;陆生野生动物人工繁育许可证/L;林草种子生产经营许可证/L;"
     "林木林地权属争议/J/裁决;植物检疫证书/S/核发",
     "砍树;采伐证"},
    {"气象", "气象局", "《中华人民共和国气象法》",
     "升放无人驾驶自由气球或者系留气球活动/A;雷电防护装置设计/A/审核;雷电防护装置竣工/A/验收;"
     "气象资料/S/查询,证明出具",
     "防雷;气球"},
    {"综合", "行政服务中心", "《优化营商环境条例》",
     "见义勇为人员/W/奖励;档案/S/查阅利用,证明出具;政务服务“好差评”/S/评价;重大行政决策/S/公众参与",
     "档案;评价"},
};

const char* const kRegions[] = {
    "330100杭州市", "330200宁波市", "330300温州市", "330400嘉兴市", "330500湖州市", "330600绍兴市",
    "330700金华市", "330800衢州市", "330900舟山市", "331000台州市", "331100丽水市", "330122桐庐县",
    "330127淳安县", "330182建德市", "330112临安区", "330281余姚市", "330282慈溪市", "330226宁海县",
    "330225象山县", "330382乐清市", "330381瑞安市", "330324永嘉县", "330326平阳县", "330327苍南县",
    "330328文成县", "330329泰顺县", "330522长兴县", "330521德清县", "330523安吉县", "330481海宁市",
    "330482平湖市", "330483桐乡市", "330421嘉善县", "330424海盐县", "330681诸暨市", "330683嵊州市",
    "330624新昌县", "330782义乌市", "330783东阳市", "330784永康市", "330781兰溪市", "330726浦江县",
    "330723武义县", "330727磐安县", "330881江山市", "330822常山县", "330824开化县", "330825龙游县",
    "330921岱山县", "330922嵊泗县", "331081温岭市", "331082临海市", "331083玉环市", "331023天台县",
    "331024仙居县", "331022三门县", "331181龙泉市", "331121青田县", "331122缙云县", "331123遂昌县",
    "331124松阳县", "331125云和县", "331126庆元县", "331127景宁畲族自治县",
};

const char* const kQualifiers[] = {"",       "",         "",         "",         "（企业）",
                                   "（个人）", "（市级权限）", "（县级权限）", "（告知承诺制）"};

const char* const kJointNames[] = {
    "开办餐饮店一件事", "新生儿出生一件事", "企业开办一件事",   "职工退休一件事",
    "身后一件事",       "二手房交易及水电气联动过户一件事", "开办便利店一件事", "开办药店一件事",
    "军人退役一件事",   "残疾人服务一件事", "企业注销一件事",   "开办民宿一件事",
};

struct Kind
{
    char letter;
    const char* itemType;
    const char* typeCode;
    const char* actions;
};

const Kind kKinds[] = {
    {'L', "行政许可", "01", "核发,变更,延续,注销,补办"},
    {'A', "行政许可", "01", "审批"},
    {'R', "行政确认", "07", "登记,变更登记,注销登记"},
    {'F', "其他行政权力", "10", "备案,变更备案"},
    {'C', "行政确认", "07", "认定,确认"},
    {'B', "行政给付", "05", "申请,给付"},
    {'S', "公共服务", "20", "办理"},
    {'Z', "行政征收", "04", "征收"},
    {'J', "行政裁决", "09", "裁决"},
    {'W', "行政奖励", "08", "奖励"},
};

QString u8(const char* s)
{
    return QString::fromUtf8(s);
}

const Kind& kindOf(QChar letter)
{
    for (const Kind& k : kKinds)
        if (QLatin1Char(k.letter) == letter)
            return k;
    return kKinds[6];
}

// One name the list can hold: object + action + qualifier.
struct Base
{
    int domain = 0;
    int object = 0; // index within the whole vocabulary
    int action = 0;
    int qualifier = 0;
    QString objectName;
    QString name;
    const Kind* kind = nullptr;
};

std::vector<Base> allBases()
{
    std::vector<Base> out;
    int objectIndex = 0;
    for (int d = 0; d < int(std::size(kDomains)); ++d) {
        const QStringList objects = u8(kDomains[d].objects).split(QLatin1Char(';'));
        for (const QString& spec : objects) {
            const QStringList parts = spec.split(QLatin1Char('/'));
            const Kind& kind = kindOf(parts.value(1).at(0));
            const QStringList actions =
                (parts.size() > 2 ? parts[2] : u8(kind.actions)).split(QLatin1Char(','));
            for (int a = 0; a < actions.size(); ++a)
                for (int q = 0; q < int(std::size(kQualifiers)); ++q) {
                    // Services and benefits rarely split by subject.
                    if (q >= 4 && (kind.letter == 'S' || kind.letter == 'B') && q != 6 && q != 7)
                        continue;
                    const QString name = parts[0] + actions[a] + u8(kQualifiers[q]);
                    out.push_back({d, objectIndex, a, q, parts[0], name, &kind});
                }
            ++objectIndex;
        }
    }
    return out;
}

struct MaterialSpec
{
    const char* id;
    const char* name;
    MaterialForm form;
    Requirement requirement;
    const char* condition;
    MaterialSource source;
};

const MaterialSpec kCommonMaterials[] = {
    {"id-card", "申请人身份证", MaterialForm::OriginalAndCopy, Requirement::Required, "",
     MaterialSource::Government},
    {"business-licence", "营业执照", MaterialForm::Copy, Requirement::Conditional,
     "applicant.kind == \"legal\"", MaterialSource::Government},
    {"legal-rep-id", "法定代表人身份证明", MaterialForm::Original, Requirement::Conditional,
     "applicant.kind == \"legal\"", MaterialSource::Applicant},
    {"authorization-letter", "授权委托书", MaterialForm::Original, Requirement::Conditional, "agent",
     MaterialSource::Applicant},
    {"agent-id-card", "受托人身份证", MaterialForm::OriginalAndCopy, Requirement::Conditional, "agent",
     MaterialSource::Government},
};

const MaterialSpec kExtraMaterials[] = {
    {"property-certificate", "不动产权证书", MaterialForm::Copy, Requirement::Required, "",
     MaterialSource::Government},
    {"lease-contract", "房屋租赁合同", MaterialForm::Copy, Requirement::Optional, "",
     MaterialSource::Applicant},
    {"site-plan", "经营场所平面布局图", MaterialForm::Original, Requirement::Required, "",
     MaterialSource::Applicant},
    {"household-register", "居民户口簿", MaterialForm::OriginalAndCopy, Requirement::Required, "",
     MaterialSource::Government},
    {"marriage-certificate", "结婚证", MaterialForm::OriginalAndCopy, Requirement::Optional, "",
     MaterialSource::Government},
    {"photo", "近期二寸免冠彩色照片", MaterialForm::Original, Requirement::Required, "",
     MaterialSource::Applicant},
    {"health-certificate", "从业人员健康证明", MaterialForm::Copy, Requirement::Required, "",
     MaterialSource::Government},
    {"management-rules", "安全管理制度文本", MaterialForm::Original, Requirement::Required, "",
     MaterialSource::Applicant},
    {"drainage-plan", "排水户内部排水管网平面图", MaterialForm::Original, Requirement::Required, "",
     MaterialSource::Applicant},
    {"eia-approval", "环境影响评价批复文件", MaterialForm::Copy, Requirement::Conditional,
     "form.scale == \"重点排水户\"", MaterialSource::Government},
    {"income-proof", "家庭收入情况声明", MaterialForm::Original, Requirement::Required, "",
     MaterialSource::Applicant},
    {"disability-certificate", "残疾人证", MaterialForm::Copy, Requirement::Conditional,
     "form.disabled == true", MaterialSource::Government},
    {"planning-permit", "建设工程规划许可证", MaterialForm::Copy, Requirement::Required, "",
     MaterialSource::Government},
    {"bid-notice", "中标通知书", MaterialForm::Copy, Requirement::Optional, "",
     MaterialSource::Applicant},
    {"labour-contract", "劳动合同", MaterialForm::Copy, Requirement::Conditional,
     "applicant.age < 60", MaterialSource::Applicant},
};

Material toMaterial(const MaterialSpec& s)
{
    Material m;
    m.id = u8(s.id);
    m.name = u8(s.name);
    m.form = s.form;
    m.requirement = s.requirement;
    m.condition = u8(s.condition);
    m.source = s.source;
    m.reusable = s.source == MaterialSource::Government;
    return m;
}

QList<FormField> formFor(QRandomGenerator& rng)
{
    QList<FormField> form{
        {QStringLiteral("applicant_name"), u8("申请人"), FieldType::Text, true, {}, {},
         QStringLiteral("applicant.name")},
        {QStringLiteral("id_number"), u8("证件号码"), FieldType::IdNumber, true, {}, {},
         QStringLiteral("applicant.idNumber")},
        {QStringLiteral("phone"), u8("联系电话"), FieldType::Phone, true, {}, {},
         QStringLiteral("applicant.phone")},
    };
    if (rng.bounded(2))
        form.append({QStringLiteral("address"), u8("联系地址"), FieldType::Address, false, {}, {},
                     QStringLiteral("applicant.address")});
    if (rng.bounded(3) == 0)
        form.append({QStringLiteral("scale"), u8("排水户类别"), FieldType::Choice, false, {},
                     {u8("一般排水户"), u8("重点排水户")}, {}});
    return form;
}

Item makeItem(const Base& b, const char* region, int seq, QRandomGenerator& rng)
{
    const Domain& dom = kDomains[b.domain];
    const QString regionText = u8(region);
    Item i;
    i.code = QStringLiteral("%1%2%3%4%5")
                 .arg(regionText.left(6), QLatin1String(b.kind->typeCode))
                 .arg(b.object, 4, 10, QLatin1Char('0'))
                 .arg(b.action, 2, 10, QLatin1Char('0'))
                 .arg(b.qualifier, 2, 10, QLatin1Char('0'));
    i.name = b.name;
    if (b.objectName.endsWith(u8("许可证")) && rng.bounded(2))
        i.shortName = b.objectName.chopped(1);
    else if (b.objectName.size() > 8 && rng.bounded(2))
        i.shortName = b.objectName.left(6);
    // Keywords: the clerks' words of the area that concern this object.
    for (const QString& w : u8(dom.keywords).split(QLatin1Char(';')))
        if (std::any_of(w.begin(), w.end(),
                        [&b](QChar ch) { return ch != u'证' && b.objectName.contains(ch); }) &&
            rng.bounded(3))
            i.keywords << w;
    i.category = u8(dom.category);
    i.theme = b.domain == 2 && rng.bounded(3) == 0 ? u8("开办餐饮店") : QString();
    i.department = regionText.mid(6) + u8(dom.department);
    i.itemType = u8(b.kind->itemType);
    const bool immediate = b.kind->letter == 'S' || b.kind->letter == 'F' || rng.bounded(5) == 0;
    i.handling = immediate ? HandlingType::Immediate : HandlingType::Promised;
    static const int kLegal[] = {5, 10, 15, 20, 30, 45, 60};
    i.legalLimitDays = immediate ? 0 : kLegal[rng.bounded(int(std::size(kLegal)))];
    i.promisedLimitDays = immediate ? 0 : std::max(1, i.legalLimitDays / int(2 + rng.bounded(3)));
    i.visits = immediate ? int(rng.bounded(2)) : (rng.bounded(10) == 0 ? 2 : 1);
    if (b.kind->letter == 'Z' || rng.bounded(15) == 0) {
        i.feeYuan = double(10 * (1 + rng.bounded(30)));
        i.feeNote = u8("按规定标准收取");
    } else {
        i.feeNote = u8("不收费");
    }
    const int levelPick = int(rng.bounded(4));
    i.levels = levelPick == 0   ? int(Level::City)
               : levelPick == 1 ? int(Level::City) | int(Level::Town)
                                : int(Level::City) | int(Level::Town) | int(Level::Village);
    i.universal = rng.bounded(3) == 0;
    i.acceptanceConditions = u8("申请材料齐全、符合法定形式");
    i.legalBasis = u8(dom.law);
    if (b.kind->letter == 'L')
        i.result = b.objectName;
    else if (b.kind->letter == 'R' || b.kind->letter == 'C')
        i.result = b.name + u8("结果通知书");
    i.delivery = int(Delivery::Pickup);
    if (!i.result.isEmpty())
        i.delivery |= int(Delivery::Ems) | (rng.bounded(3) == 0 ? int(Delivery::Locker) : 0);
    for (const MaterialSpec& m : kCommonMaterials)
        if (m.requirement != Requirement::Conditional || rng.bounded(2) != 0)
            i.materials.append(toMaterial(m));
    Material form;
    form.id = QStringLiteral("application-%1").arg(seq);
    form.name = b.name + u8("申请表");
    i.materials.prepend(form);
    for (int k = int(rng.bounded(4)); k > 0; --k) {
        const Material m = toMaterial(kExtraMaterials[rng.bounded(int(std::size(kExtraMaterials)))]);
        if (std::none_of(i.materials.begin(), i.materials.end(),
                         [&m](const Material& x) { return x.id == m.id; }))
            i.materials.append(m);
    }
    if (rng.bounded(2))
        i.form = formFor(rng);
    i.version = 1 + int(rng.bounded(3));
    i.effectiveFrom = QDate(2022 + int(rng.bounded(3)), 1 + int(rng.bounded(12)), 1);
    i.active = rng.bounded(50) != 0;
    return i;
}

} // namespace

Catalogue generateCatalogue(int items, quint32 seed)
{
    QRandomGenerator rng(seed);
    Catalogue c;
    if (items <= 0)
        return c;
    const std::vector<Base> bases = allBases();
    const int regions = int(std::size(kRegions));
    // A county lists about a thousand items; a province is its counties' lists.
    const int perRegion = std::min(int(bases.size()), std::max(1000, (items + regions - 1) / regions));
    items = std::min(items, perRegion * regions);
    c.items.reserve(items);
    std::vector<int> order(bases.size());
    for (int r = 0; int(c.items.size()) < items; ++r) {
        for (size_t k = 0; k < order.size(); ++k)
            order[k] = int(k);
        std::shuffle(order.begin(), order.end(), rng);
        const qsizetype first = c.items.size();
        for (int k = 0; k < perRegion && int(c.items.size()) < items; ++k)
            c.items.append(makeItem(bases[size_t(order[size_t(k)])], kRegions[r],
                                    int(c.items.size()), rng));
        // Related items (并联服务) within the county.
        const qsizetype count = c.items.size() - first;
        for (qsizetype k = first; k < c.items.size(); ++k)
            if (count > 1 && rng.bounded(20) == 0) {
                const QString other = c.items[first + qsizetype(rng.bounded(int(count)))].code;
                if (other != c.items[k].code)
                    c.items[k].related << other;
            }
        // Joint items and a related rule per county.
        for (int j = 0; count >= 4 && j < std::min(int(std::size(kJointNames)), int(count / 200) + 1);
             ++j) {
            JointItem joint;
            joint.code = QStringLiteral("YJS%1%2").arg(u8(kRegions[r]).left(6)).arg(j, 3, 10,
                                                                                     QLatin1Char('0'));
            joint.name = u8(kJointNames[j]);
            joint.shortName = joint.name.chopped(3);
            joint.category = u8("一件事");
            joint.theme = joint.name.chopped(3);
            joint.keywords << u8("联办");
            QSet<QString> members;
            while (members.size() < 2 + int(rng.bounded(3)))
                members.insert(c.items[first + qsizetype(rng.bounded(int(count)))].code);
            joint.members = QStringList(members.begin(), members.end());
            joint.members.sort();
            joint.promisedLimitDays = 5 + int(rng.bounded(10));
            c.jointItems.append(joint);
        }
        if (count >= 2)
            c.rules.append({c.items[first].code,
                            QStringLiteral("form.reason in [\"下岗\", \"企业改制\"] && applicant.age >= 50"),
                            c.items[first + 1].code, u8("下岗或企业改制职工可同时申请困难补助")});
    }
    return c;
}

QStringList generateQueries(const Catalogue& catalogue, int count, quint32 seed)
{
    QStringList out;
    if (catalogue.items.isEmpty())
        return out;
    QRandomGenerator rng(seed);
    auto cut = [&rng](const QString& s, int min, int max) {
        const int hi = std::min(int(s.size()), max);
        return s.left(hi <= min ? hi : min + int(rng.bounded(hi - min + 1)));
    };
    while (out.size() < count) {
        const Item& item = catalogue.items[qsizetype(rng.bounded(int(catalogue.items.size())))];
        const QString text = item.shortName.isEmpty() || rng.bounded(3) ? item.name : item.shortName;
        const int kind = int(rng.bounded(100));
        QString q;
        if (kind < 25) { // hanzi, from the start
            q = cut(text, 1, 5);
        } else if (kind < 35) { // hanzi, from the middle
            const int from = int(rng.bounded(std::max(1, int(text.size()) - 2)));
            q = cut(text.mid(from), 2, 4);
        } else if (kind < 45) { // the code
            q = cut(item.code, 4, int(item.code.size()));
        } else if (kind < 65) { // full pinyin
            q = cut(Pinyin::spell(text), 2, 14);
        } else if (kind < 85) { // initials
            q = cut(Pinyin::initials(text), 2, 7);
        } else { // mixed: the first characters spelled, then initials
            const int spelled = 1 + int(rng.bounded(2));
            q = cut(Pinyin::spell(text.left(spelled)) + Pinyin::initials(text.mid(spelled)), 3, 10);
        }
        if (!q.isEmpty())
            out << q;
    }
    return out;
}

} // namespace ow
