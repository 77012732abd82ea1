"""Demo categories and articles for seed_demo, written from the product brief."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

CATEGORIES = [
    # (name, slug, order)
    ("Hoạt động Ban Tuyên giáo", "hoat-dong-ban-tuyen-giao", 1),
    ("Tin tức – Sự kiện", "tin-tuc-su-kien", 2),
    ("Học tập và làm theo Bác", "hoc-tap-va-lam-theo-bac", 3),
    ("Bầu cử", "bau-cu", 4),
    ("Phòng, chống dịch Covid-19", "phong-chong-dich-covid-19", 5),
    ("Cải cách hành chính", "cai-cach-hanh-chinh", 6),
]

ARTICLES = [
    # ------------------------------------------------------------------
    # Hoạt động Ban Tuyên giáo
    # ------------------------------------------------------------------
    {
        "title": (
            "Những hoạt động nổi bật, sáng tạo, hiệu quả của Ban Tuyên giáo "
            "Quận ủy Hoàng Mai"
        ),
        "slug": (
            "nhung-hoat-dong-noi-bat-sang-tao-hieu-qua-cua-ban-tuyen-giao-"
            "quan-uy-hoang-mai"
        ),
        "category": "hoat-dong-ban-tuyen-giao",
        "sapo": (
            "Năm 2021, dù chịu tác động nặng nề của dịch Covid-19, Ban Tuyên giáo "
            "Quận ủy Hoàng Mai vẫn chủ động đổi mới cách làm, để lại dấu ấn rõ nét "
            "trong công tác bầu cử, xây dựng “vùng xanh”, giải phóng mặt bằng và "
            "bảo vệ nền tảng tư tưởng của Đảng."
        ),
        "body": """<p>Năm 2021 diễn ra nhiều sự kiện chính trị quan trọng của đất nước
và Thủ đô, trong khi dịch Covid-19 liên tục diễn biến phức tạp. Trong bối cảnh đó, Ban
Tuyên giáo Quận ủy Hoàng Mai đã chủ động tham mưu cho Ban Thường vụ Quận ủy, bám sát cơ
sở, góp phần tạo sự đồng thuận trong cán bộ, đảng viên và nhân dân.</p>
<h2>Học tập và làm theo Bác đi vào chiều sâu</h2>
<p>Quận tổ chức hội nghị tổng kết 5 năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị,
khen thưởng <strong>20 tập thể và 40 cá nhân</strong> tiêu biểu. Hơn 80 tin, bài được
đăng trên bản tin nội bộ và cổng thông tin điện tử quận; trên 8.000 cuốn tài liệu được
cấp phát tới các chi bộ, khu dân cư.</p>
<h2>Bầu cử thành công, “vùng xanh” lan tỏa</h2>
<p>Trong cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp
nhiệm kỳ 2021–2026, 292.145 trên tổng số 293.695 cử tri của quận đã đi bầu, đạt tỷ lệ
<strong>99,47%</strong>. Khi dịch bùng phát, mô hình “vùng xanh” được thí điểm tại
phường Mai Động và Đại Kim, sau đó triển khai ở cả 14 phường và được Thành phố nhân rộng
ra 30 quận, huyện, thị xã.</p>
<h2>Tạo đồng thuận trong giải phóng mặt bằng</h2>
<p>Với 69 dự án phải giải phóng mặt bằng, trong đó có 13 dự án trọng điểm, công tác
tuyên truyền, vận động luôn đi trước một bước. Trên tuyến đường Vành đai 2,5 đoạn Đầm
Hồng – Quốc lộ 1A, nơi vướng mắc kéo dài từ năm 2002, 19 hộ dân tổ dân phố số 1 phường
Thịnh Liệt và 13 hộ dân phường Định Công đã tự nguyện bàn giao mặt bằng mà không phải
cưỡng chế.</p>
<h2>Giữ vững trận địa tư tưởng trên không gian mạng</h2>
<p>Ban Chỉ đạo 35 quận duy trì hiệu quả hai trang Facebook. Tính đến ngày 25/11/2021,
các trang đã có hơn 5.000 người theo dõi, đăng tải 1.625 bài viết và đạt hơn 145.000
lượt tiếp cận.</p>
<p>Các văn bản chỉ đạo được nhắc tới trong năm gồm
<a href="/van-ban/chi-thi-06-ct-qu/">Chỉ thị số 06-CT/QU</a> ngày 02/02/2021 của Quận
ủy; <a href="/van-ban/chi-thi-05-ct-tu/">Chỉ thị số 05-CT/TU</a> ngày 30/07/2021,
<a href="/van-ban/chi-thi-06-ct-tu/">Chỉ thị số 06-CT/TU</a> ngày 01/09/2021 và
<a href="/van-ban/chi-thi-15-ct-tu/">Chỉ thị số 15-CT/TU</a> của Thành ủy; các công điện
<a href="/van-ban/cong-dien-18-cd-ubnd/">số 18/CĐ-UBND</a> ngày 06/08/2021 và
<a href="/van-ban/cong-dien-19-cd-ubnd/">số 19/CĐ-UBND</a> ngày 21/08/2021.</p>
<p><em>Những kết quả trên là nền tảng để Ban Tuyên giáo Quận ủy tiếp tục đổi mới nội
dung, phương thức tuyên truyền trong năm 2022.</em></p>""",
        "author": "Ban Tuyên giáo Quận ủy",
        "published": "2022-01-07 17:58",
        "days_ahead": None,
        "status": "published",
        "featured": True,
    },
    {
        "title": (
            "Ban Chỉ đạo 35 quận Hoàng Mai lan tỏa thông tin tích cực trên "
            "không gian mạng"
        ),
        "slug": (
            "ban-chi-dao-35-quan-hoang-mai-lan-toa-thong-tin-tich-cuc-tren-"
            "khong-gian-mang"
        ),
        "category": "hoat-dong-ban-tuyen-giao",
        "sapo": (
            "Hai trang Facebook do Ban Chỉ đạo 35 quận quản lý đã có hơn 5.000 người "
            "theo dõi và đạt trên 145.000 lượt tiếp cận, trở thành kênh tin cậy để "
            "người dân nắm bắt thông tin chính thống."
        ),
        "body": """<p>Thực hiện nhiệm vụ bảo vệ nền tảng tư tưởng của Đảng, đấu tranh
phản bác các quan điểm sai trái, thù địch, thời gian qua Ban Chỉ đạo 35 quận Hoàng Mai
đã kiện toàn tổ chức và đổi mới mạnh mẽ phương thức hoạt động, trong đó lấy không gian
mạng làm “mặt trận” trọng tâm.</p>
<h2>Bộ máy gọn, lực lượng rộng</h2>
<p>Ban Chỉ đạo hiện có 16 thành viên, được hỗ trợ bởi tổ thư ký gồm 17 người và đội ngũ
42 cộng tác viên ở các cơ quan, đơn vị và phường. Lực lượng này thường xuyên chia sẻ
thông tin chính thống, kịp thời nắm bắt dư luận xã hội và phản bác những luận điệu xuyên
tạc.</p>
<h2>Hai trang Facebook, hàng chục nghìn lượt tương tác</h2>
<p>Tính đến ngày 25/11/2021, hai trang Facebook của quận đạt những con số đáng ghi
nhận:</p>
<ul>
<li>Hơn 5.000 người theo dõi;</li>
<li>1.625 bài viết và 3.095 hình ảnh được đăng tải;</li>
<li>Trên 600 bình luận và hơn 1.325 lượt thích bài viết;</li>
<li>Hơn 145.000 lượt tiếp cận, 14.620 lượt tương tác và 215 lượt chia sẻ.</li>
</ul>
<p>Nội dung đăng tải tập trung vào các chủ trương của Đảng, chính sách của Nhà nước,
hoạt động của quận và phường, những tấm gương người tốt, việc tốt. Trong các đợt cao
điểm như bầu cử hay phòng, chống dịch Covid-19, các trang trở thành kênh cung cấp thông
tin nhanh, góp phần hạn chế tin giả, tin sai sự thật.</p>
<blockquote>Mỗi cán bộ, đảng viên cần là một “chiến sĩ” trên không gian mạng, chủ động
lan tỏa thông tin tích cực tới người dân.</blockquote>
<p>Thời gian tới, Ban Chỉ đạo 35 quận tiếp tục nâng cao chất lượng nội dung, tăng cường
bồi dưỡng kỹ năng cho đội ngũ cộng tác viên và mở rộng sự tham gia của các tổ chức đoàn
thể.</p>""",
        "author": "Ban Chỉ đạo 35 quận",
        "published": "2021-11-29 09:15",
        "days_ahead": None,
        "status": "published",
        "featured": True,
    },
    {
        "title": (
            "Tuyên truyền, vận động tạo đồng thuận trong giải phóng mặt bằng "
            "các dự án trọng điểm"
        ),
        "slug": (
            "tuyen-truyen-van-dong-tao-dong-thuan-trong-giai-phong-mat-bang-"
            "cac-du-an-trong-diem"
        ),
        "category": "hoat-dong-ban-tuyen-giao",
        "sapo": (
            "Năm 2021, quận Hoàng Mai thực hiện giải phóng mặt bằng 69 dự án, trong "
            "đó có 13 dự án trọng điểm; công tác tuyên truyền, vận động được xác "
            "định là chìa khóa để tháo gỡ những vướng mắc kéo dài."
        ),
        "body": """<p>Giải phóng mặt bằng luôn là nhiệm vụ khó, liên quan trực tiếp đến
quyền lợi của người dân. Năm 2021, quận Hoàng Mai triển khai công tác này tại <strong>69
dự án</strong>, trong đó có <strong>13 dự án trọng điểm</strong> có ý nghĩa lớn đối với
hạ tầng giao thông, đô thị và giáo dục của quận.</p>
<h2>Các dự án trọng điểm năm 2021</h2>
<ul>
<li>Đường Vành đai 2,5 đoạn Đầm Hồng – Quốc lộ 1A;</li>
<li>Tuyến đường phía Đông khu trung tâm hành chính quận;</li>
<li>Đường Tam Trinh và đường Lĩnh Nam;</li>
<li>Khu đô thị mới Thịnh Liệt và khu đô thị Hoàng Văn Thụ;</li>
<li>7 dự án xây dựng trường học.</li>
</ul>
<p>Xác định “dân có hiểu thì dân mới đồng thuận”, Ban Tuyên giáo Quận ủy đã phối hợp với
các phòng, ban và Đảng ủy các phường xây dựng đề cương tuyên truyền, tổ chức đối thoại,
gặp gỡ từng hộ dân. Các chính sách bồi thường, hỗ trợ, tái định cư được công khai, giải
thích cặn kẽ; những kiến nghị chính đáng của người dân được ghi nhận và trả lời kịp
thời.</p>
<p>Kết quả nổi bật nhất là trên tuyến Vành đai 2,5, nơi vướng mắc, khiếu nại kéo dài từ
năm 2002. Từ tháng 5/2021, 19 hộ dân tổ dân phố số 1 phường Thịnh Liệt và 13 hộ dân
phường Định Công đã tự nguyện bàn giao mặt bằng, không phải áp dụng biện pháp cưỡng
chế.</p>
<p>Theo Ban Tuyên giáo Quận ủy, kinh nghiệm rút ra là phải phát huy vai trò nêu gương
của cán bộ, đảng viên, người có uy tín trong khu dân cư, đồng thời kiên trì, minh bạch
và đặt lợi ích chính đáng của người dân lên hàng đầu.</p>""",
        "author": "Ban Tuyên giáo Quận ủy",
        "published": "2021-12-16 15:30",
        "days_ahead": None,
        "status": "published",
        "featured": False,
    },
    {
        "title": (
            "Tập huấn kỹ năng tuyên truyền trên mạng xã hội cho cộng tác viên "
            "Ban Chỉ đạo 35 quận"
        ),
        "slug": (
            "tap-huan-ky-nang-tuyen-truyen-tren-mang-xa-hoi-cho-cong-tac-vien-"
            "ban-chi-dao-35-quan"
        ),
        "category": "hoat-dong-ban-tuyen-giao",
        "sapo": (
            "Ban Chỉ đạo 35 quận Hoàng Mai sắp tổ chức lớp tập huấn nhằm nâng cao "
            "kỹ năng đăng tải, chia sẻ thông tin và phản bác quan điểm sai trái cho "
            "đội ngũ cộng tác viên."
        ),
        "body": """<p>Nhằm nâng cao hiệu quả công tác bảo vệ nền tảng tư tưởng của Đảng
trên không gian mạng, Ban Chỉ đạo 35 quận Hoàng Mai sẽ tổ chức lớp tập huấn kỹ năng
tuyên truyền trên mạng xã hội dành cho đội ngũ cộng tác viên, thành viên tổ thư ký và
cán bộ phụ trách công tác tuyên giáo của các phường.</p>
<h2>Nội dung tập huấn</h2>
<ul>
<li>Cách xây dựng tin, bài ngắn gọn, dễ hiểu, phù hợp với người đọc trên điện
thoại;</li>
<li>Kỹ năng nhận diện tin giả, tin sai sự thật và các luận điệu xuyên tạc;</li>
<li>Cách phản hồi bình luận của người dân một cách văn minh, đúng mực;</li>
<li>Quy định về bảo mật thông tin và sử dụng tài khoản mạng xã hội của cán bộ, đảng
viên.</li>
</ul>
<p>Lớp học được thiết kế theo hướng thực hành, học viên sẽ trực tiếp soạn thảo bài viết,
chọn ảnh minh họa và thảo luận các tình huống thường gặp trong quá trình quản trị hai
trang Facebook của quận. Báo cáo viên là những người có kinh nghiệm trong lĩnh vực báo
chí và công tác tuyên giáo.</p>
<p>Ban Chỉ đạo 35 quận đề nghị các cơ quan, đơn vị và Đảng ủy các phường cử đúng thành
phần, tạo điều kiện để cán bộ tham dự đầy đủ. Sau tập huấn, mỗi cộng tác viên sẽ được
giao nhiệm vụ cụ thể trong việc lan tỏa thông tin chính thống tới người dân trên địa
bàn.</p>
<p><em>Thông tin chi tiết về thời gian, địa điểm sẽ được gửi tới các đơn vị qua văn bản
và nhóm trao đổi công việc của Ban Chỉ đạo.</em></p>""",
        "author": "Ban Chỉ đạo 35 quận",
        "published": None,
        "days_ahead": 5,
        "status": "published",
        "featured": False,
    },
    {
        "title": "Định hướng công tác tuyên giáo năm 2022 của quận Hoàng Mai",
        "slug": "dinh-huong-cong-tac-tuyen-giao-nam-2022-cua-quan-hoang-mai",
        "category": "hoat-dong-ban-tuyen-giao",
        "sapo": (
            "Tiếp nối kết quả năm 2021, Ban Tuyên giáo Quận ủy Hoàng Mai xác định "
            "những nhóm nhiệm vụ trọng tâm cho năm 2022, trong đó chú trọng tuyên "
            "truyền trên không gian mạng và bám sát cơ sở."
        ),
        "body": """<p>Trên cơ sở kết quả đạt được trong năm 2021, Ban Tuyên giáo Quận ủy
Hoàng Mai đang hoàn thiện định hướng công tác tuyên giáo năm 2022 để trình Ban Thường vụ
Quận ủy cho ý kiến. Tinh thần chung là tiếp tục đổi mới nội dung, phương thức, lấy hiệu
quả tại cơ sở làm thước đo.</p>
<h2>Những nhóm nhiệm vụ trọng tâm</h2>
<ul>
<li>Đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh theo Chỉ
thị 05-CT/TW, gắn với nhiệm vụ chính trị của từng đơn vị;</li>
<li>Tuyên truyền kịp thời các chủ trương, chính sách mới, nhất là về phòng, chống dịch
Covid-19 và phục hồi kinh tế – xã hội;</li>
<li>Tiếp tục đồng hành với công tác giải phóng mặt bằng các dự án trọng điểm;</li>
<li>Nâng cao chất lượng hoạt động của Ban Chỉ đạo 35 quận và hai trang Facebook;</li>
<li>Phối hợp tuyên truyền về cải cách hành chính, nâng cao sự hài lòng của người dân đối
với Bộ phận Một cửa.</li>
</ul>
<h2>Cách làm</h2>
<p>Ban Tuyên giáo Quận ủy sẽ tăng cường nắm bắt dư luận xã hội ở các khu dân cư, kịp
thời tham mưu xử lý những vấn đề người dân quan tâm. Các sản phẩm tuyên truyền được
thiết kế ngắn gọn, trực quan, phù hợp với người đọc trên điện thoại; cổng thông tin điện
tử của quận được cập nhật thường xuyên hơn.</p>
<p>Bên cạnh đó, đội ngũ báo cáo viên, tuyên truyền viên và cộng tác viên sẽ được bồi
dưỡng định kỳ về kỹ năng, nghiệp vụ.</p>
<p><em>Bài viết đang trong quá trình biên tập, số liệu và nội dung cụ thể sẽ được cập
nhật sau khi có ý kiến chỉ đạo.</em></p>""",
        "author": "Ban Tuyên giáo Quận ủy",
        "published": None,
        "days_ahead": None,
        "status": "draft",
        "featured": False,
    },
    # ------------------------------------------------------------------
    # Tin tức – Sự kiện (ward news)
    # ------------------------------------------------------------------
    {
        "title": (
            "19 hộ dân phường Thịnh Liệt tự nguyện bàn giao mặt bằng đường Vành đai 2,5"
        ),
        "slug": (
            "19-ho-dan-phuong-thinh-liet-tu-nguyen-ban-giao-mat-bang-duong-vanh-dai-25"
        ),
        "category": "tin-tuc-su-kien",
        "sapo": (
            "Sau gần hai thập kỷ vướng mắc, 19 hộ dân tổ dân phố số 1 phường Thịnh "
            "Liệt đã tự nguyện bàn giao mặt bằng cho dự án đường Vành đai 2,5 đoạn "
            "Đầm Hồng – Quốc lộ 1A mà không phải cưỡng chế."
        ),
        "body": """<p>Từ tháng 5/2021, 19 hộ dân tổ dân phố số 1, phường Thịnh Liệt đã
đồng loạt tự nguyện bàn giao mặt bằng để thi công dự án đường Vành đai 2,5 đoạn Đầm Hồng
– Quốc lộ 1A. Đây là kết quả đáng ghi nhận bởi tại khu vực này, các vướng mắc, khiếu nại
của người dân đã kéo dài từ năm 2002.</p>
<h2>Kiên trì đối thoại, công khai minh bạch</h2>
<p>Để có được sự đồng thuận, cấp ủy, chính quyền phường Thịnh Liệt cùng các phòng, ban
của quận đã nhiều lần tổ chức đối thoại, đến từng nhà để lắng nghe tâm tư, nguyện vọng
của người dân. Các phương án bồi thường, hỗ trợ được niêm yết công khai; những thắc mắc
được giải đáp rõ ràng, đúng chính sách.</p>
<p>Đảng viên, tổ trưởng tổ dân phố và người có uy tín trong khu dân cư tích cực tham gia
vận động, chia sẻ với các gia đình về lợi ích lâu dài của tuyến đường đối với giao
thông, môi trường sống và sự phát triển của phường.</p>
<blockquote>Tuyến đường được mở thì cả khu dân cư cùng được hưởng lợi. Khi mọi việc được
giải thích thấu đáo, bà con sẵn sàng chung tay.</blockquote>
<p>Cùng thời điểm, 13 hộ dân phường Định Công trên cùng tuyến đường cũng tự nguyện bàn
giao mặt bằng. Việc không phải áp dụng biện pháp cưỡng chế cho thấy hiệu quả của công
tác tuyên truyền, vận động khi được triển khai bài bản, kiên trì và đặt quyền lợi chính
đáng của người dân lên hàng đầu.</p>
<p>UBND quận Hoàng Mai ghi nhận, biểu dương tinh thần trách nhiệm của các hộ dân và đề
nghị đơn vị thi công đẩy nhanh tiến độ, bảo đảm an toàn, vệ sinh môi trường cho khu vực
xung quanh.</p>""",
        "author": "Phóng viên Tin Hoàng Mai",
        "published": "2021-05-20 16:40",
        "days_ahead": None,
        "status": "published",
        "featured": True,
    },
    {
        "title": (
            "Phường Định Công: 13 hộ dân đồng thuận bàn giao mặt bằng tuyến đường 2,5"
        ),
        "slug": (
            "phuong-dinh-cong-13-ho-dan-dong-thuan-ban-giao-mat-bang-tuyen-duong-25"
        ),
        "category": "tin-tuc-su-kien",
        "sapo": (
            "Cùng với phường Thịnh Liệt, 13 hộ dân phường Định Công đã tự nguyện "
            "bàn giao đất, góp phần tháo gỡ điểm nghẽn trên tuyến Vành đai 2,5 đoạn "
            "Đầm Hồng – Quốc lộ 1A."
        ),
        "body": """<p>Thời gian qua, 13 hộ dân phường Định Công có đất nằm trong phạm vi
dự án đường Vành đai 2,5 đoạn Đầm Hồng – Quốc lộ 1A đã tự nguyện bàn giao mặt bằng cho
đơn vị thi công. Đây là tín hiệu tích cực đối với một tuyến đường có vướng mắc từ năm
2002 và được người dân trong khu vực mong đợi từ lâu.</p>
<p>Đảng ủy, UBND phường Định Công xác định công tác tuyên truyền, vận động là khâu then
chốt. Phường thành lập các tổ công tác gồm cán bộ phường, bí thư chi bộ, tổ trưởng tổ
dân phố và đại diện Mặt trận, đoàn thể, trực tiếp đến gặp gỡ từng gia đình. Mỗi ý kiến
của người dân đều được ghi nhận, tổng hợp và báo cáo cấp có thẩm quyền xem xét.</p>
<h2>Cán bộ, đảng viên gương mẫu đi trước</h2>
<p>Nhiều hộ gia đình đảng viên đã chủ động bàn giao mặt bằng sớm, tạo sức lan tỏa trong
khu dân cư. Hệ thống loa truyền thanh, bảng tin tổ dân phố và nhóm mạng xã hội của khu
dân cư thường xuyên cập nhật tiến độ dự án, giúp người dân nắm rõ thông tin, tránh bị
kích động bởi những thông tin thiếu chính xác.</p>
<p>Việc các hộ dân tự nguyện bàn giao mặt bằng, không phải cưỡng chế đã góp phần đẩy
nhanh tiến độ thi công, đồng thời củng cố niềm tin của nhân dân vào sự lãnh đạo của cấp
ủy, chính quyền.</p>
<p>Phường Định Công tiếp tục phối hợp với các đơn vị liên quan giải quyết dứt điểm những
kiến nghị còn lại, bảo đảm quyền lợi chính đáng của các hộ dân theo đúng quy
định.</p>""",
        "author": "Phóng viên Tin Hoàng Mai",
        "published": "2021-06-04 10:15",
        "days_ahead": None,
        "status": "published",
        "featured": False,
    },
    {
        "title": "Phường Mai Động rực rỡ cờ hoa chào mừng ngày bầu cử",
        "slug": "phuong-mai-dong-ruc-ro-co-hoa-chao-mung-ngay-bau-cu",
        "category": "tin-tuc-su-kien",
        "sapo": (
            "Những ngày cận kề cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu "
            "HĐND các cấp, các tuyến phố, ngõ xóm của phường Mai Động khoác lên "
            "diện mạo mới với cờ hoa, băng rôn, khẩu hiệu."
        ),
        "body": """<p>Chỉ còn ít ngày nữa là đến ngày bầu cử đại biểu Quốc hội khóa XV
và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021–2026, không khí chuẩn bị tại phường
Mai Động đang diễn ra sôi nổi. Dọc các tuyến phố chính và trong từng ngõ nhỏ, cờ Tổ
quốc, băng rôn, khẩu hiệu được treo ngay ngắn, tạo nên diện mạo tươi mới.</p>
<h2>Tuyên truyền đến từng hộ gia đình</h2>
<p>Ban Chỉ đạo bầu cử phường đã phân công cán bộ phụ trách từng khu vực bỏ phiếu, kiểm
tra việc trang trí, niêm yết danh sách cử tri và tiểu sử tóm tắt của những người ứng cử.
Hệ thống loa truyền thanh phát đều đặn các nội dung về quyền, nghĩa vụ của cử tri,
nguyên tắc bầu cử và những lưu ý phòng, chống dịch Covid-19 khi đi bỏ phiếu.</p>
<p>Các tổ dân phố phối hợp với Mặt trận, đoàn thanh niên, hội phụ nữ đến từng hộ gia
đình để phát thẻ cử tri, hướng dẫn thủ tục. Những cử tri cao tuổi, ốm đau được lập danh
sách riêng để bố trí hòm phiếu phụ khi cần thiết.</p>
<ul>
<li>Khu vực bỏ phiếu được bố trí nước sát khuẩn, khẩu trang dự phòng;</li>
<li>Lối đi được phân luồng, bảo đảm khoảng cách an toàn;</li>
<li>Cử tri được nhắc đeo khẩu trang và khai báo y tế.</li>
</ul>
<p>Nhiều người dân cho biết, năm nay tuy có dịch bệnh nhưng không khí ngày hội vẫn rất
rộn ràng. Cán bộ, đảng viên và nhân dân trong phường đều sẵn sàng thực hiện quyền công
dân, góp phần để cuộc bầu cử diễn ra an toàn, dân chủ, đúng pháp luật.</p>""",
        "author": "Cộng tác viên phường Mai Động",
        "published": "2021-05-19 08:30",
        "days_ahead": None,
        "status": "published",
        "featured": False,
    },
    {
        "title": (
            "Phường Đại Kim duy trì hoạt động của các tổ tự quản sau giãn cách xã hội"
        ),
        "slug": (
            "phuong-dai-kim-duy-tri-hoat-dong-cua-cac-to-tu-quan-sau-gian-cach-xa-hoi"
        ),
        "category": "tin-tuc-su-kien",
        "sapo": (
            "Là một trong hai phường thí điểm mô hình “vùng xanh”, Đại Kim tiếp tục "
            "duy trì các tổ tự quản an toàn để thích ứng với trạng thái bình thường "
            "mới."
        ),
        "body": """<p>Sau khi Hà Nội kết thúc đợt giãn cách xã hội ngày 21/9/2021,
phường Đại Kim không lơ là, chủ quan mà tiếp tục duy trì hoạt động của các tổ tự quản an
toàn tại khu dân cư và các tòa chung cư. Đây là phường cùng với Mai Động được quận chọn
thí điểm mô hình “vùng xanh” từ đầu tháng 8/2021.</p>
<h2>Chuyển trạng thái, không buông lỏng</h2>
<p>Theo Ban Chỉ đạo phòng, chống dịch phường, nhiệm vụ của các tổ tự quản đã được điều
chỉnh cho phù hợp với tình hình mới. Thay vì kiểm soát người ra vào như trong thời gian
giãn cách, các tổ tập trung nắm bắt người từ nơi khác đến, nhắc nhở thực hiện khuyến cáo
phòng dịch và kịp thời báo cáo khi phát hiện trường hợp có biểu hiện nghi nhiễm.</p>
<p>Tại các tòa chung cư, ban quản trị phối hợp với tổ tự quản bố trí điểm sát khuẩn ở
sảnh, thang máy; thông báo trên nhóm mạng xã hội của cư dân những quy định mới của Thành
phố và quận.</p>
<ul>
<li>Rà soát, cập nhật danh sách người dân đã tiêm vắc-xin;</li>
<li>Hỗ trợ người cao tuổi, người khó khăn tiếp cận dịch vụ y tế;</li>
<li>Tuyên truyền thông điệp phòng dịch qua loa truyền thanh và bảng tin tổ dân phố.</li>
</ul>
<p>Cán bộ, đảng viên và nhân dân trong phường tích cực hưởng ứng, coi việc giữ gìn “vùng
xanh” là trách nhiệm chung của mỗi gia đình. Phường Đại Kim xác định sẽ tiếp tục phát
huy vai trò của khu dân cư, tạo điều kiện cho các hoạt động sản xuất, kinh doanh phục
hồi an toàn.</p>""",
        "author": "Phóng viên Tin Hoàng Mai",
        "published": "2021-10-06 15:00",
        "days_ahead": None,
        "status": "published",
        "featured": False,
    },
    # ------------------------------------------------------------------
    # Học tập và làm theo Bác
    # ------------------------------------------------------------------
    {
        "title": (
            "Hoàng Mai tổng kết 5 năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị"
        ),
        "slug": "hoang-mai-tong-ket-5-nam-thuc-hien-chi-thi-05-ct-tw-cua-bo-chinh-tri",
        "category": "hoc-tap-va-lam-theo-bac",
        "sapo": (
            "Quận ủy Hoàng Mai tổ chức hội nghị tổng kết 5 năm thực hiện Chỉ thị "
            "05-CT/TW, khen thưởng 20 tập thể và 40 cá nhân có thành tích tiêu biểu "
            "trong học tập và làm theo Bác."
        ),
        "body": """<p>Quận ủy Hoàng Mai vừa tổ chức hội nghị tổng kết 5 năm thực hiện
Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư
tưởng, đạo đức, phong cách Hồ Chí Minh. Hội nghị là dịp nhìn lại chặng đường đã qua,
đồng thời tôn vinh những tập thể, cá nhân tiêu biểu.</p>
<h2>Việc làm theo Bác trở thành nền nếp</h2>
<p>Sau 5 năm, việc học tập và làm theo Bác đã đi vào nền nếp trong sinh hoạt của các chi
bộ, cơ quan, đơn vị và khu dân cư. Mỗi năm, các tổ chức cơ sở đảng đều lựa chọn nội dung
đột phá, gắn với giải quyết những vấn đề bức xúc, nổi cộm tại địa phương. Cán bộ, đảng
viên xây dựng cam kết tu dưỡng, rèn luyện và được kiểm điểm định kỳ.</p>
<p>Công tác tuyên truyền được đẩy mạnh với nhiều hình thức phong phú:</p>
<ul>
<li>Hơn <strong>80 tin, bài</strong> về các điển hình được đăng trên bản tin nội bộ và
cổng thông tin điện tử quận;</li>
<li>Trên <strong>8.000 cuốn tài liệu</strong> được cấp phát tới các chi bộ, cơ quan, đơn
vị;</li>
<li>Nhiều cách làm hay, gương “người tốt, việc tốt” được giới thiệu, nhân rộng trong các
phường.</li>
</ul>
<h2>Khen thưởng 20 tập thể, 40 cá nhân</h2>
<p>Tại hội nghị, Ban Thường vụ Quận ủy đã khen thưởng 20 tập thể và 40 cá nhân có thành
tích xuất sắc trong 5 năm thực hiện Chỉ thị. Các gương điển hình đến từ nhiều lĩnh vực:
cán bộ phường tận tụy với công việc, giáo viên tâm huyết, đoàn viên thanh niên xung kích
và những người dân bền bỉ đóng góp cho cộng đồng.</p>
<blockquote>Học tập và làm theo Bác phải được thể hiện bằng những việc làm cụ thể, thiết
thực hằng ngày, ở từng vị trí công tác.</blockquote>
<p>Hội nghị thống nhất, thời gian tới tiếp tục gắn việc thực hiện Chỉ thị 05-CT/TW với
công tác xây dựng, chỉnh đốn Đảng và thực hiện nhiệm vụ chính trị của quận.</p>""",
        "author": "Ban Tuyên giáo Quận ủy",
        "published": "2021-06-18 10:20",
        "days_ahead": None,
        "status": "published",
        "featured": True,
    },
    {
        "title": (
            "Công dân phường Hoàng Liệt được vinh danh Công dân Thủ đô ưu tú năm 2021"
        ),
        "slug": (
            "cong-dan-phuong-hoang-liet-duoc-vinh-danh-cong-dan-thu-do-uu-tu-nam-2021"
        ),
        "category": "hoc-tap-va-lam-theo-bac",
        "sapo": (
            "Một người dân phường Hoàng Liệt vinh dự nhận Bằng khen của Thủ tướng "
            "Chính phủ và được tôn vinh Công dân Thủ đô ưu tú năm 2021, là tấm gương "
            "sáng trong việc học tập và làm theo Bác."
        ),
        "body": """<p>Trong niềm vui chung của quận Hoàng Mai, một công dân phường Hoàng
Liệt đã vinh dự được nhận <strong>Bằng khen của Thủ tướng Chính phủ</strong> và được
Thành phố tôn vinh danh hiệu <strong>Công dân Thủ đô ưu tú năm 2021</strong>. Đây là
phần thưởng xứng đáng cho những đóng góp bền bỉ, lặng lẽ vì cộng đồng trong nhiều
năm.</p>
<h2>Niềm tự hào của khu dân cư</h2>
<p>Danh hiệu Công dân Thủ đô ưu tú được Thành phố trao tặng hằng năm cho những cá nhân
có thành tích tiêu biểu, có đóng góp thiết thực cho sự phát triển của Thủ đô. Việc một
người dân phường Hoàng Liệt được vinh danh là niềm vui, niềm tự hào không chỉ của gia
đình, tổ dân phố mà của cả phường và quận Hoàng Mai.</p>
<p>Cán bộ phường Hoàng Liệt nhận xét, tấm gương này là minh chứng sinh động cho việc học
tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh không phải là điều gì xa vời,
mà bắt đầu từ những việc làm cụ thể, gần gũi trong cuộc sống hằng ngày.</p>
<blockquote>Mỗi người dân đều có thể học tập và làm theo Bác bằng chính những việc làm
tốt, có ích cho cộng đồng.</blockquote>
<p>Ban Tuyên giáo Quận ủy Hoàng Mai đã đề nghị các phường đẩy mạnh tuyên truyền về tấm
gương này qua bản tin nội bộ, cổng thông tin điện tử và các buổi sinh hoạt chi bộ, để
lan tỏa tinh thần sống đẹp, sống có trách nhiệm trong cán bộ, đảng viên và nhân dân toàn
quận.</p>""",
        "author": "Phóng viên Tin Hoàng Mai",
        "published": "2021-10-11 16:05",
        "days_ahead": None,
        "status": "published",
        "featured": False,
    },
    {
        "title": (
            "Sắp diễn ra đợt sinh hoạt chuyên đề học tập và làm theo Bác tại các chi bộ"
        ),
        "slug": (
            "sap-dien-ra-dot-sinh-hoat-chuyen-de-hoc-tap-va-lam-theo-bac-tai-cac-chi-bo"
        ),
        "category": "hoc-tap-va-lam-theo-bac",
        "sapo": (
            "Các chi bộ trực thuộc Đảng bộ quận Hoàng Mai chuẩn bị tổ chức sinh hoạt "
            "chuyên đề về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
            "Minh, gắn với những việc làm cụ thể tại cơ sở."
        ),
        "body": """<p>Thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị, trong những ngày tới,
các chi bộ trực thuộc Đảng bộ quận Hoàng Mai sẽ đồng loạt tổ chức sinh hoạt chuyên đề về
học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.</p>
<h2>Gắn chuyên đề với việc cụ thể</h2>
<p>Theo hướng dẫn của Ban Tuyên giáo Quận ủy, mỗi chi bộ lựa chọn một nội dung gần gũi
với nhiệm vụ của cơ quan, đơn vị hoặc khu dân cư để thảo luận. Chẳng hạn, chi bộ khu dân
cư có thể bàn về giữ gìn vệ sinh môi trường, trật tự đô thị; chi bộ cơ quan tập trung
vào tinh thần phục vụ nhân dân, cải cách hành chính.</p>
<ul>
<li>Đảng viên được chuẩn bị trước tài liệu, nghiên cứu chủ đề;</li>
<li>Mỗi đảng viên nêu ít nhất một việc làm cụ thể để thực hiện;</li>
<li>Chi bộ đưa kết quả thực hiện vào đánh giá cuối năm.</li>
</ul>
<p>Ban Tuyên giáo Quận ủy sẽ cử cán bộ dự, nắm bắt tình hình tại một số chi bộ; đồng
thời tổng hợp những cách làm hay để giới thiệu trên bản tin nội bộ và cổng thông tin
điện tử của quận.</p>
<p>Đây là dịp để mỗi cán bộ, đảng viên tự soi, tự sửa, nêu cao tinh thần gương mẫu, qua
đó góp phần xây dựng Đảng bộ quận trong sạch, vững mạnh. Các chi bộ được đề nghị chủ
động bố trí thời gian, địa điểm phù hợp, bảo đảm các quy định về phòng, chống
dịch.</p>""",
        "author": "Ban Tuyên giáo Quận ủy",
        "published": None,
        "days_ahead": 2,
        "status": "published",
        "featured": False,
    },
    # ------------------------------------------------------------------
    # Bầu cử
    # ------------------------------------------------------------------
    {
        "title": (
            "Quận Hoàng Mai tập huấn nghiệp vụ công tác bầu cử cho hơn 2.800 người"
        ),
        "slug": (
            "quan-hoang-mai-tap-huan-nghiep-vu-cong-tac-bau-cu-cho-hon-2800-nguoi"
        ),
        "category": "bau-cu",
        "sapo": (
            "Quận Hoàng Mai đã tổ chức 15 hội nghị tập huấn nghiệp vụ cho khoảng "
            "2.823 người làm công tác bầu cử và cấp phát 2.573 cuốn tài liệu hướng "
            "dẫn."
        ),
        "body": """<p>Chuẩn bị cho cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội
đồng nhân dân các cấp nhiệm kỳ 2021–2026, quận Hoàng Mai đã tổ chức <strong>15 hội nghị
tập huấn</strong> nghiệp vụ cho khoảng <strong>2.823 người</strong>, gồm thành viên các
ban bầu cử, tổ bầu cử và cán bộ phụ trách công tác bầu cử ở 14 phường.</p>
<h2>Nắm chắc quy trình, xử lý tốt tình huống</h2>
<p>Nội dung tập huấn tập trung vào những quy định của Luật Bầu cử đại biểu Quốc hội và
đại biểu Hội đồng nhân dân; trình tự, thủ tục từ khâu lập danh sách cử tri, niêm yết,
phát thẻ cử tri đến tổ chức bỏ phiếu, kiểm phiếu và lập biên bản kết quả. Các học viên
cũng được hướng dẫn cách xử lý những tình huống thường gặp trong ngày bầu cử.</p>
<p>Do dịch Covid-19 còn diễn biến phức tạp, quận đặc biệt lưu ý các phương án bảo đảm an
toàn tại khu vực bỏ phiếu: bố trí lối đi một chiều, giữ khoảng cách, chuẩn bị hòm phiếu
phụ và phương án bỏ phiếu cho cử tri thuộc diện cách ly.</p>
<ul>
<li>15 hội nghị tập huấn;</li>
<li>Khoảng 2.823 lượt người tham dự;</li>
<li>2.573 cuốn tài liệu được cấp phát.</li>
</ul>
<p>Qua tập huấn, đội ngũ làm công tác bầu cử nắm vững nghiệp vụ, sẵn sàng cho ngày hội
lớn của toàn dân. Ban Tuyên giáo Quận ủy cũng đề nghị các phường tiếp tục đẩy mạnh tuyên
truyền để mỗi cử tri hiểu rõ quyền, nghĩa vụ của mình và tích cực tham gia bỏ
phiếu.</p>""",
        "author": "Ban Tuyên giáo Quận ủy",
        "published": "2021-04-14 11:00",
        "days_ahead": None,
        "status": "published",
        "featured": False,
    },
    {
        "title": ("Truyền hình trực tiếp không khí ngày bầu cử tại phường Định Công"),
        "slug": "truyen-hinh-truc-tiep-khong-khi-ngay-bau-cu-tai-phuong-dinh-cong",
        "category": "bau-cu",
        "sapo": (
            "Sáng 23/5/2021, phường Định Công là điểm cầu truyền hình trực tiếp "
            "không khí bầu cử của quận Hoàng Mai; 190 khu vực bỏ phiếu tại 14 "
            "phường đều được trang trí trang trọng."
        ),
        "body": """<p>Ngay từ sáng sớm ngày 23/5/2021, cử tri phường Định Công đã có mặt
tại các khu vực bỏ phiếu để thực hiện quyền và nghĩa vụ công dân trong cuộc bầu cử đại
biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021–2026. Phường
cũng là điểm cầu truyền hình trực tiếp, đưa không khí ngày hội của quận Hoàng Mai đến
với khán giả Thủ đô.</p>
<h2>Trang trọng, an toàn</h2>
<p>Trên toàn quận, <strong>190 khu vực bỏ phiếu tại 14 phường</strong> đều được trang
trí trang trọng với cờ Tổ quốc, ảnh Chủ tịch Hồ Chí Minh, băng rôn và khẩu hiệu. Danh
sách cử tri, danh sách người ứng cử được niêm yết đầy đủ; các khu vực đều bố trí nước
sát khuẩn, khẩu trang và phân luồng để cử tri giữ khoảng cách.</p>
<p>Tại điểm cầu Định Công, nghi lễ khai mạc diễn ra trang nghiêm. Những lá phiếu đầu
tiên được các cử tri cao tuổi, cựu chiến binh và đoàn viên thanh niên lần đầu đi bầu cử
bỏ vào hòm phiếu trong không khí phấn khởi.</p>
<blockquote>Được cầm lá phiếu lựa chọn người đại diện cho mình là niềm tự hào của mỗi
công dân.</blockquote>
<p>Các tổ bầu cử đã chuẩn bị hòm phiếu phụ để phục vụ cử tri cao tuổi, ốm đau không thể
đến khu vực bỏ phiếu. Lực lượng công an, dân quân tự vệ bảo đảm an ninh trật tự, hướng
dẫn cử tri thực hiện các biện pháp phòng dịch.</p>
<p>Ban Chỉ đạo bầu cử quận cho biết, đến thời điểm đưa tin, công tác bầu cử tại các
phường diễn ra an toàn, đúng quy định; tỷ lệ cử tri đi bầu tăng đều qua từng
giờ.</p>""",
        "author": "Phóng viên Tin Hoàng Mai",
        "published": "2021-05-23 12:30",
        "days_ahead": None,
        "status": "published",
        "featured": False,
    },
    {
        "title": "Kết quả bầu cử tại quận Hoàng Mai: 99,47% cử tri đi bầu",
        "slug": "ket-qua-bau-cu-tai-quan-hoang-mai-9947-cu-tri-di-bau",
        "category": "bau-cu",
        "sapo": (
            "292.145 trên tổng số 293.695 cử tri quận Hoàng Mai đã tham gia bỏ "
            "phiếu, đạt 99,47%; bầu đủ 3 đại biểu Quốc hội, 4 đại biểu HĐND Thành "
            "phố và 35 đại biểu HĐND quận."
        ),
        "body": """<p>Cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân
dân các cấp nhiệm kỳ 2021–2026 tại quận Hoàng Mai đã thành công tốt đẹp. Theo số liệu
tổng hợp, có <strong>292.145</strong> trên tổng số <strong>293.695</strong> cử tri đã đi
bỏ phiếu, đạt tỷ lệ <strong>99,47%</strong>.</p>
<h2>Số liệu chính</h2>
<table>
<thead>
<tr><th>Nội dung</th><th>Kết quả</th></tr>
</thead>
<tbody>
<tr><td>Tổng số cử tri</td><td>293.695</td></tr>
<tr><td>Số cử tri đã đi bầu</td><td>292.145</td></tr>
<tr><td>Tỷ lệ cử tri đi bầu</td><td>99,47%</td></tr>
<tr><td>Số khu vực bỏ phiếu</td><td>190 (tại 14 phường)</td></tr>
<tr><td>Đại biểu Quốc hội trúng cử</td><td>3</td></tr>
<tr><td>Đại biểu HĐND Thành phố trúng cử</td><td>4</td></tr>
<tr><td>Đại biểu HĐND quận trúng cử</td><td>35</td></tr>
</tbody>
</table>
<h2>Ngày hội của toàn dân</h2>
<p>Kết quả trên thể hiện tinh thần trách nhiệm và niềm tin của cử tri đối với Đảng, Nhà
nước. Dù diễn ra trong bối cảnh dịch Covid-19 còn phức tạp, công tác bầu cử tại 190 khu
vực bỏ phiếu vẫn bảo đảm an toàn, dân chủ, đúng pháp luật.</p>
<p>Quận Hoàng Mai đã bầu đủ số lượng đại biểu theo quy định: 3 đại biểu Quốc hội, 4 đại
biểu Hội đồng nhân dân Thành phố và 35 đại biểu Hội đồng nhân dân quận. Các đại biểu
trúng cử đều có phẩm chất chính trị vững vàng, có năng lực và uy tín trong nhân dân.</p>
<p>Thường trực Quận ủy đánh giá cao sự vào cuộc của cả hệ thống chính trị, sự tham gia
tích cực của cán bộ, đảng viên và nhân dân, đồng thời đề nghị các đại biểu trúng cử giữ
mối liên hệ chặt chẽ với cử tri, thực hiện tốt chương trình hành động đã cam
kết.</p>""",
        "author": "Ban Tuyên giáo Quận ủy",
        "published": "2021-06-11 17:20",
        "days_ahead": None,
        "status": "published",
        "featured": True,
    },
    {
        "title": "Tuyên truyền bầu cử trên nhiều kênh, lan tỏa ngày hội toàn dân",
        "slug": "tuyen-truyen-bau-cu-tren-nhieu-kenh-lan-toa-ngay-hoi-toan-dan",
        "category": "bau-cu",
        "sapo": (
            "Với 76 phóng sự, tin bài trên báo chí Trung ương và Thành phố, 85 tin "
            "bài trên hai trang Facebook của quận, công tác tuyên truyền bầu cử năm "
            "2021 tại Hoàng Mai được đánh giá đa dạng, hiệu quả."
        ),
        "body": """<p>Nhìn lại cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội
đồng nhân dân các cấp nhiệm kỳ 2021–2026, công tác tuyên truyền tại quận Hoàng Mai đã
góp phần quan trọng vào thành công chung, với tỷ lệ cử tri đi bầu đạt 99,47%.</p>
<h2>Kết hợp truyền thống và hiện đại</h2>
<p>Bên cạnh các hình thức quen thuộc như loa truyền thanh, băng rôn, khẩu hiệu và hội
nghị tại khu dân cư, quận đã chú trọng khai thác báo chí và mạng xã hội để đưa thông tin
đến gần hơn với cử tri, nhất là người trẻ.</p>
<ul>
<li><strong>76</strong> phóng sự, tin bài về công tác bầu cử của quận được đăng, phát
trên các cơ quan báo chí Trung ương và Thành phố;</li>
<li><strong>85</strong> tin bài được đăng trên hai trang Facebook của quận, với
<strong>1.250</strong> lượt chia sẻ;</li>
<li><strong>6.510</strong> lượt theo dõi và tương tác với các nội dung về bầu cử;</li>
<li><strong>190</strong> khu vực bỏ phiếu tại 14 phường được trang trí trang trọng.</li>
</ul>
<p>Nội dung tuyên truyền tập trung giải thích ý nghĩa của cuộc bầu cử, quyền và nghĩa vụ
của cử tri, giới thiệu người ứng cử và hướng dẫn cách thức bỏ phiếu an toàn trong điều
kiện phòng, chống dịch Covid-19.</p>
<p>Theo Ban Tuyên giáo Quận ủy, bài học rút ra là phải chuẩn bị sớm, phân công rõ người,
rõ việc và linh hoạt chuyển đổi hình thức khi tình hình dịch bệnh thay đổi. Những kinh
nghiệm này sẽ tiếp tục được vận dụng trong các đợt tuyên truyền lớn thời gian
tới.</p>""",
        "author": "Ban Tuyên giáo Quận ủy",
        "published": "2021-06-21 14:45",
        "days_ahead": None,
        "status": "published",
        "featured": False,
    },
    # ------------------------------------------------------------------
    # Phòng, chống dịch Covid-19
    # ------------------------------------------------------------------
    {
        "title": "Thí điểm mô hình “vùng xanh” tại hai phường Mai Động và Đại Kim",
        "slug": "thi-diem-mo-hinh-vung-xanh-tai-hai-phuong-mai-dong-va-dai-kim",
        "category": "phong-chong-dich-covid-19",
        "sapo": (
            "Thực hiện văn bản số 181-CV/QU ngày 03/8/2021 của Quận ủy, phường Mai "
            "Động và Đại Kim được chọn thí điểm xây dựng “vùng xanh” an toàn, phát "
            "huy vai trò tự quản của khu dân cư."
        ),
        "body": """<p>Trong bối cảnh Thủ đô đang thực hiện giãn cách xã hội từ ngày
24/7/2021 để phòng, chống dịch Covid-19, Quận ủy Hoàng Mai đã ban hành văn bản số
<strong>181-CV/QU ngày 03/8/2021</strong>, chọn phường Mai Động và phường Đại Kim thí
điểm mô hình “vùng xanh” an toàn.</p>
<h2>“Vùng xanh” là gì?</h2>
<p>Theo hướng dẫn của quận, “vùng xanh” là khu vực dân cư được kiểm soát chặt chẽ, không
có ca nhiễm trong cộng đồng. Mỗi khu dân cư, tòa chung cư tổ chức các tổ tự quản, lập
chốt kiểm soát người và phương tiện ra vào, đồng thời nắm chắc tình hình từng hộ gia
đình.</p>
<ul>
<li>Người dân hạn chế ra khỏi nhà, chỉ ra ngoài khi thật cần thiết;</li>
<li>Người từ nơi khác đến phải khai báo với tổ tự quản;</li>
<li>Hàng hóa thiết yếu được hỗ trợ tiếp nhận tại chốt, hạn chế tiếp xúc.</li>
</ul>
<h2>Phát huy sức mạnh của khu dân cư</h2>
<p>Tại hai phường thí điểm, các chi bộ, tổ dân phố nhanh chóng họp bàn, phân công nhiệm
vụ cụ thể. Đảng viên, đoàn viên thanh niên, hội viên các đoàn thể tình nguyện tham gia
trực chốt. Ban Tuyên giáo Quận ủy phối hợp xây dựng tài liệu tuyên truyền ngắn gọn, dễ
nhớ để phổ biến qua loa truyền thanh và mạng xã hội.</p>
<blockquote>Mỗi người dân là một chiến sĩ, mỗi khu dân cư là một pháo đài chống
dịch.</blockquote>
<p>Cán bộ, đảng viên và nhân dân hai phường tích cực hưởng ứng. Kết quả thí điểm sẽ là
cơ sở để quận xem xét nhân rộng mô hình ra toàn bộ 14 phường.</p>""",
        "author": "Ban Tuyên giáo Quận ủy",
        "published": "2021-08-05 20:10",
        "days_ahead": None,
        "status": "published",
        "featured": True,
    },
    {
        "title": ("Hoàng Mai ban hành kế hoạch xây dựng “vùng xanh” trên toàn quận"),
        "slug": "hoang-mai-ban-hanh-ke-hoach-xay-dung-vung-xanh-tren-toan-quan",
        "category": "phong-chong-dich-covid-19",
        "sapo": (
            "Từ kết quả thí điểm tại Mai Động và Đại Kim, Quận ủy Hoàng Mai ban hành "
            "Kế hoạch số 50-KH/QU ngày 24/8/2021, triển khai xây dựng “vùng xanh” "
            "tại tất cả 14 phường."
        ),
        "body": """<p>Sau ba tuần thí điểm tại phường Mai Động và Đại Kim, mô hình “vùng
xanh” đã cho thấy hiệu quả rõ rệt trong việc kiểm soát người ra vào khu dân cư và phát
hiện sớm các trường hợp nguy cơ. Trên cơ sở đó, Quận ủy Hoàng Mai ban hành <strong>Kế
hoạch số 50-KH/QU ngày 24/8/2021</strong> về việc xây dựng “vùng xanh” trên địa bàn toàn
quận.</p>
<h2>Nhân rộng ra 14 phường</h2>
<p>Kế hoạch yêu cầu Đảng ủy, UBND 14 phường khẩn trương rà soát, phân chia địa bàn thành
các “vùng xanh” theo tổ dân phố, cụm dân cư và tòa chung cư. Mỗi vùng thành lập tổ tự
quản an toàn, do bí thư chi bộ hoặc tổ trưởng tổ dân phố làm nòng cốt, có sự tham gia
của Mặt trận, các đoàn thể và ban quản trị chung cư.</p>
<ul>
<li>Lập chốt kiểm soát tại các lối ra vào khu dân cư, chung cư;</li>
<li>Nắm chắc số hộ, số nhân khẩu, người có bệnh nền, người cao tuổi;</li>
<li>Hỗ trợ người dân tiếp nhận lương thực, hàng hóa thiết yếu;</li>
<li>Thường xuyên tuyên truyền, nhắc nhở thực hiện quy định phòng dịch.</li>
</ul>
<h2>Vai trò của công tác tuyên truyền</h2>
<p>Ban Tuyên giáo Quận ủy được giao chủ trì hướng dẫn nội dung tuyên truyền, biểu dương
kịp thời những cách làm hay, những tấm gương tiêu biểu trong phòng, chống dịch. Thông
tin về tình hình dịch bệnh và các quy định mới được đăng tải liên tục trên cổng thông
tin điện tử và hai trang Facebook của quận.</p>
<p>Quận Hoàng Mai kêu gọi cán bộ, đảng viên và nhân dân đồng lòng, chung sức giữ vững
từng “vùng xanh”, qua đó bảo vệ sức khỏe cộng đồng và sớm đưa cuộc sống trở lại bình
thường.</p>""",
        "author": "Ban Tuyên giáo Quận ủy",
        "published": "2021-08-26 18:30",
        "days_ahead": None,
        "status": "published",
        "featured": False,
    },
    {
        "title": (
            "Nhìn lại hai tháng giữ “vùng xanh”: 284 tổ tự quản, 540 chốt an toàn"
        ),
        "slug": "nhin-lai-hai-thang-giu-vung-xanh-284-to-tu-quan-540-chot-an-toan",
        "category": "phong-chong-dich-covid-19",
        "sapo": (
            "Trong thời gian giãn cách xã hội từ 24/7 đến 21/9/2021, quận Hoàng Mai "
            "đã thành lập 284 tổ tự quản an toàn với 4.879 thành viên, vận hành 540 "
            "chốt trên địa bàn 14 phường."
        ),
        "body": """<p>Hà Nội đã kết thúc đợt giãn cách xã hội kéo dài từ ngày 24/7 đến
21/9/2021. Nhìn lại gần hai tháng ấy, mô hình “vùng xanh” của quận Hoàng Mai đã phát huy
vai trò quan trọng, góp phần khoanh vùng, kiểm soát dịch bệnh ngay từ khu dân cư.</p>
<h2>Những con số ấn tượng</h2>
<p>Trên địa bàn 14 phường, quận đã thành lập <strong>284 tổ tự quản an toàn</strong> với
tổng số <strong>4.879 thành viên</strong>. Các tổ vận hành <strong>540 chốt</strong>, cụ
thể:</p>
<ul>
<li>334 chốt tại các khu dân cư truyền thống;</li>
<li>195 chốt tại các tòa chung cư;</li>
<li>11 chốt do chính quyền phường, công an và dân quân trực tiếp đảm nhiệm.</li>
</ul>
<p>Ngày cũng như đêm, dưới nắng nóng hay mưa lớn, các thành viên tổ tự quản vẫn bám
chốt, kiểm soát người ra vào, hỗ trợ chuyển hàng hóa thiết yếu cho các gia đình và kịp
thời báo cáo những trường hợp có nguy cơ. Nhiều tổ còn vận động bà con ủng hộ lương
thực, thực phẩm cho các hộ gặp khó khăn.</p>
<h2>Từ Hoàng Mai lan rộng ra Thủ đô</h2>
<p>Khởi đầu từ hai phường thí điểm Mai Động và Đại Kim, mô hình “vùng xanh” đã được
Thành phố ghi nhận và nhân rộng ra <strong>30 quận, huyện, thị xã</strong> của Hà Nội.
Đây là niềm tự hào của cán bộ, đảng viên và nhân dân quận Hoàng Mai.</p>
<blockquote>Thành công của “vùng xanh” đến từ sự đồng thuận của người dân và tinh thần
trách nhiệm của mỗi thành viên tổ tự quản.</blockquote>
<p>Trong giai đoạn mới, quận tiếp tục duy trì các tổ tự quản với nhiệm vụ phù hợp, vừa
phòng dịch hiệu quả, vừa tạo điều kiện phục hồi sản xuất, kinh doanh.</p>""",
        "author": "Phóng viên Tin Hoàng Mai",
        "published": "2021-09-27 09:00",
        "days_ahead": None,
        "status": "published",
        "featured": False,
    },
    # ------------------------------------------------------------------
    # Cải cách hành chính
    # ------------------------------------------------------------------
    {
        "title": (
            "Mời người dân đánh giá thái độ tiếp công dân của cán bộ Một cửa quận"
        ),
        "slug": (
            "moi-nguoi-dan-danh-gia-thai-do-tiep-cong-dan-cua-can-bo-mot-cua-quan"
        ),
        "category": "cai-cach-hanh-chinh",
        "sapo": (
            "Cổng thông tin điện tử của quận mở mục bình chọn để người dân đánh giá "
            "thái độ tiếp công dân của cán bộ Bộ phận Một cửa, góp phần nâng cao "
            "chất lượng phục vụ."
        ),
        "body": """<p>Nhằm lắng nghe ý kiến của người dân và doanh nghiệp, cổng thông
tin điện tử quận Hoàng Mai mở cuộc bình chọn <em>Đánh giá thái độ tiếp công dân của cán
bộ Một cửa quận</em> từ hôm nay. Mời bạn bình chọn tại
<a href="/binh-chon/danh-gia-thai-do-tiep-cong-dan-cua-can-bo-mot-cua-quan/">trang bình
chọn của cổng thông tin</a>, trên máy tính hay điện thoại đều được.</p>
<h2>Cách tham gia</h2>
<ul>
<li>Mở trang bình chọn theo đường dẫn ở trên; mục “Bình chọn” cũng có trên các trang
khác của cổng thông tin;</li>
<li>Chọn mức đánh giá phù hợp với trải nghiệm của mình;</li>
<li>Bấm “Gửi bình chọn” để hoàn tất. Mỗi người bình chọn một lần, không cần tạo tài
khoản.</li>
</ul>
<p>Bộ phận Một cửa là nơi trực tiếp tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục
hành chính cho người dân, doanh nghiệp. Thái độ, tác phong của cán bộ tại đây ảnh hưởng
lớn đến sự hài lòng của người dân và hình ảnh của chính quyền quận.</p>
<p>Theo lãnh đạo quận, mọi ý kiến đánh giá đều được tổng hợp, xem xét nghiêm túc. Những
cán bộ được người dân đánh giá tốt sẽ được biểu dương kịp thời; những trường hợp chưa
làm hài lòng người dân sẽ được nhắc nhở, chấn chỉnh để khắc phục.</p>
<blockquote>Sự hài lòng của người dân là thước đo chất lượng phục vụ của bộ máy hành
chính.</blockquote>
<p>Quận Hoàng Mai trân trọng mời người dân, doanh nghiệp từng đến giao dịch tại Bộ phận
Một cửa quận dành ít phút tham gia bình chọn. Mỗi lượt đánh giá là một đóng góp thiết
thực cho công cuộc cải cách hành chính của quận.</p>""",
        "author": "Phóng viên Tin Hoàng Mai",
        "published": "2021-12-27 09:30",
        "days_ahead": None,
        "status": "published",
        "featured": False,
    },
    {
        "title": (
            "Bộ phận Một cửa quận Hoàng Mai lấy sự hài lòng của người dân làm thước đo"
        ),
        "slug": (
            "bo-phan-mot-cua-quan-hoang-mai-lay-su-hai-long-cua-nguoi-dan-lam-thuoc-do"
        ),
        "category": "cai-cach-hanh-chinh",
        "sapo": (
            "Đổi mới tác phong, công khai quy trình và tăng cường giải quyết hồ sơ "
            "trực tuyến là những hướng đi mà Bộ phận Một cửa quận Hoàng Mai đang "
            "thực hiện để phục vụ người dân tốt hơn."
        ),
        "body": """<p>Là “cửa ngõ” giữa chính quyền và người dân, Bộ phận Một cửa quận
Hoàng Mai mỗi ngày tiếp nhận nhiều hồ sơ thủ tục hành chính thuộc các lĩnh vực đất đai,
xây dựng, hộ tịch, đăng ký kinh doanh. Xác định phục vụ nhân dân là nhiệm vụ trọng tâm,
quận đã triển khai nhiều giải pháp nâng cao chất lượng hoạt động của bộ phận này.</p>
<h2>Công khai, minh bạch</h2>
<p>Toàn bộ thủ tục hành chính, thành phần hồ sơ, thời hạn giải quyết và mức phí, lệ phí
được niêm yết công khai tại trụ sở và trên cổng thông tin điện tử của quận. Người dân có
thể tra cứu tình trạng hồ sơ, biết rõ hồ sơ của mình đang ở khâu nào và dự kiến ngày trả
kết quả.</p>
<h2>Thân thiện, tận tình</h2>
<p>Cán bộ Một cửa được quán triệt thực hiện nghiêm quy tắc ứng xử, tác phong chuẩn mực,
hướng dẫn đầy đủ ngay từ lần đầu để người dân không phải đi lại nhiều lần. Việc học tập
và làm theo Bác về tinh thần phục vụ nhân dân được cụ thể hóa bằng những việc làm thiết
thực tại nơi làm việc.</p>
<ul>
<li>Hướng dẫn người dân nộp hồ sơ trực tuyến khi đủ điều kiện;</li>
<li>Ưu tiên người cao tuổi, người khuyết tật, phụ nữ mang thai;</li>
<li>Tiếp nhận, phản hồi kịp thời góp ý của người dân.</li>
</ul>
<p>Thời gian tới, quận sẽ tiếp tục lấy ý kiến đánh giá của người dân về thái độ tiếp
công dân của cán bộ Một cửa, coi đây là căn cứ quan trọng để đánh giá, xếp loại cán bộ
và cải thiện chất lượng phục vụ.</p>""",
        "author": "Phóng viên Tin Hoàng Mai",
        "published": "2021-11-15 10:00",
        "days_ahead": None,
        "status": "published",
        "featured": False,
    },
]


def published_at(article):
    """Return when a demo article is published: its date, some days ahead, or None."""
    if article["published"]:
        return datetime.datetime.strptime(
            article["published"], "%Y-%m-%d %H:%M"
        ).replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    if article["days_ahead"]:
        return timezone.now() + datetime.timedelta(days=article["days_ahead"])
    return None
