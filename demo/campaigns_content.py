"""Demo campaigns, their 2021 figures and documents, from the product brief.

District totals are the brief's figures. Per-ward breakdowns marked "by_ward" are
illustrative: the district total is split over the wards so that it adds up exactly,
and the reports say "Số liệu minh họa". Real per-ward figures are given as a dict.
"""

# Illustrative weights of the 14 wards, in the order of data/wards.csv.
WARD_WEIGHTS = [9, 8, 12, 6, 7, 10, 8, 7, 5, 9, 11, 4, 13, 6]

# Each indicator: (name, unit, district total, by_ward[, qualifier]), where by_ward
# is True (split illustratively), False (district only) or {ward name: value}
# (real), and the qualifier "tren" (over) or "khoang" (about) when the total is one.
# A ratio: (name, "%", ("ratio", numerator name, denominator name), None).
# Names an earlier demo gave indicators, renamed in place so their figures stay.
FORMER_NAMES = {
    "Bài đăng trên hai fanpage của quận": "Bài đăng trên hai trang Facebook của quận",
    "Lượt chia sẻ trên fanpage": "Lượt chia sẻ trên trang Facebook",
    "Lượt theo dõi và tương tác trên fanpage": (
        "Lượt theo dõi và tương tác trên trang Facebook"
    ),
    "Người theo dõi hai fanpage": "Người theo dõi hai trang Facebook",
}
CAMPAIGNS = [
    {
        "name": "Học tập và làm theo Bác – Chỉ thị 05-CT/TW",
        "slug": "chi-thi-05-ct-tw",
        "period": "15/5/2016 – nay",
        "summary": "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
        "Minh theo Chỉ thị 05-CT/TW của Bộ Chính trị: sơ kết, tổng kết, biểu dương "
        "tập thể và cá nhân tiêu biểu trên địa bàn quận.",
        "keywords": ["05-CT/TW", "làm theo Bác", "làm theo tư tưởng"],
        "indicators": [
            ("Tập thể được khen thưởng", "tập thể", 20, True),
            ("Cá nhân được khen thưởng", "cá nhân", 40, True),
            ("Tin, bài tuyên truyền", "tin, bài", 80, False, "tren"),
            ("Tài liệu phát hành", "cuốn", 8000, False, "tren"),
        ],
        "report": {
            "title": "Tổng kết 5 năm thực hiện Chỉ thị 05-CT/TW trên địa bàn quận",
            "period": "2016–2021",
            "reported_on": "2021-06-18",
            "summary": "Hội nghị tổng kết 5 năm biểu dương 20 tập thể và 40 cá nhân; "
            "hơn 80 tin, bài được đăng trên bản tin nội bộ và cổng thông tin quận; "
            "hơn 8.000 cuốn tài liệu được phát hành tới cơ sở.",
            "body": "<p>Quận ủy tổ chức hội nghị tổng kết 5 năm thực hiện Chỉ thị "
            "05-CT/TW, biểu dương những tập thể, cá nhân có cách làm hay. Một người "
            "dân phường Hoàng Liệt được Thủ tướng Chính phủ tặng Bằng khen và được "
            "vinh danh Công dân Thủ đô ưu tú năm 2021.</p>",
        },
    },
    {
        "name": "Bầu cử đại biểu Quốc hội khóa XV và HĐND các cấp nhiệm kỳ 2021–2026",
        "slug": "bau-cu-2021",
        "period": "Năm 2021",
        "summary": "Công tác tuyên truyền và kết quả cuộc bầu cử đại biểu Quốc hội "
        "khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021–2026 tại quận "
        "Hoàng Mai.",
        "keywords": ["bầu cử", "cử tri"],
        "indicators": [
            ("Cử tri trong danh sách", "cử tri", 293695, True),
            ("Cử tri đã bỏ phiếu", "cử tri", 292145, True),
            (
                "Tỷ lệ cử tri đi bầu",
                "%",
                ("ratio", "Cử tri đã bỏ phiếu", "Cử tri trong danh sách"),
                None,
            ),
            ("Khu vực bỏ phiếu", "khu vực", 190, True),
            ("Hội nghị tập huấn", "hội nghị", 15, False),
            ("Người dự tập huấn", "người", 2823, False, "khoang"),
            ("Tài liệu phát hành", "cuốn", 2573, False),
            (
                "Phóng sự, tin bài trên báo chí Trung ương và Thành phố",
                "tin, bài",
                76,
                False,
            ),
            ("Bài đăng trên hai trang Facebook của quận", "bài", 85, False),
            ("Lượt chia sẻ trên trang Facebook", "lượt", 1250, False),
            ("Lượt theo dõi và tương tác trên trang Facebook", "lượt", 6510, False),
            ("Đại biểu Quốc hội trúng cử", "đại biểu", 3, False),
            ("Đại biểu HĐND Thành phố trúng cử", "đại biểu", 4, False),
            ("Đại biểu HĐND quận trúng cử", "đại biểu", 35, False),
        ],
        "report": {
            "title": "Kết quả bầu cử ngày 23/5/2021 trên địa bàn quận Hoàng Mai",
            "period": "Năm 2021",
            "reported_on": "2021-05-28",
            "summary": "292.145 trên tổng số 293.695 cử tri đã đi bỏ phiếu tại 190 khu "
            "vực bỏ phiếu của 14 phường; quận bầu được 3 đại biểu Quốc hội, 4 đại biểu "
            "HĐND Thành phố và 35 đại biểu HĐND quận.",
            "body": "<p>Trước ngày bầu cử, quận tổ chức 15 hội nghị tập huấn cho "
            "khoảng 2.823 người, phát hành 2.573 cuốn tài liệu và trang trí 190 khu "
            "vực bỏ phiếu. Phường Định Công là điểm cầu truyền hình trực tiếp ngày "
            "bầu cử.</p>",
        },
    },
    {
        "name": "Xây dựng “vùng xanh” phòng, chống dịch Covid-19",
        "slug": "vung-xanh-covid-19",
        "period": "24/7 – 21/9/2021",
        "summary": "Mô hình “vùng xanh” thí điểm tại phường Mai Động và Đại Kim, "
        "nhân rộng ra 14 phường trong thời gian giãn cách xã hội và được Thành phố "
        "nhân rộng ra 30 quận, huyện, thị xã.",
        "keywords": ["vùng xanh", "Covid"],
        "indicators": [
            ("Tổ an toàn tự quản", "tổ", 284, True),
            ("Chốt vùng xanh", "chốt", 540, True),
            ("Thành viên tổ, chốt", "người", 4879, True),
            ("Chốt tại khu dân cư truyền thống", "chốt", 334, False),
            ("Chốt tại khu chung cư", "chốt", 195, False),
            ("Chốt do phường, công an, dân quân trực", "chốt", 11, False),
        ],
        "report": {
            "title": "Kết quả xây dựng “vùng xanh” trong thời gian giãn cách xã hội",
            "period": "24/7 – 21/9/2021",
            "reported_on": "2021-09-25",
            "summary": "14 phường thành lập 284 tổ an toàn tự quản với 540 chốt "
            "“vùng xanh” và 4.879 thành viên trong thời gian giãn cách xã hội.",
            "body": "<p>Mô hình được thí điểm theo Công văn 181-CV/QU ngày 03/8/2021 "
            "và triển khai toàn quận theo Kế hoạch 50-KH/QU ngày 24/8/2021. Trong 540 "
            "chốt có 334 chốt ở khu dân cư truyền thống, 195 chốt ở khu chung cư và "
            "11 chốt do phường, công an, dân quân trực.</p>",
        },
    },
    {
        "name": "Giải phóng mặt bằng các dự án trọng điểm",
        "slug": "giai-phong-mat-bang",
        "period": "Năm 2021",
        "summary": "Tuyên truyền, vận động nhân dân đồng thuận giải phóng mặt bằng 69 "
        "dự án, trong đó 13 dự án trọng điểm như đường Vành đai 2,5, đường Tam "
        "Trinh, đường Lĩnh Nam và 7 dự án trường học.",
        "keywords": ["mặt bằng", "Vành đai 2,5"],
        "indicators": [
            ("Dự án phải giải phóng mặt bằng", "dự án", 69, False),
            ("Dự án trọng điểm", "dự án", 13, False),
            (
                "Hộ tự nguyện bàn giao mặt bằng đường Vành đai 2,5",
                "hộ",
                32,
                {"Thịnh Liệt": 19, "Định Công": 13},
            ),
        ],
        "report": {
            "title": "Kết quả giải phóng mặt bằng năm 2021",
            "period": "Năm 2021",
            "reported_on": "2021-12-20",
            "summary": "Trên tuyến Vành đai 2,5 đoạn Đầm Hồng – Quốc lộ 1A, 19 hộ tổ "
            "dân phố số 1 phường Thịnh Liệt và 13 hộ phường Định Công tự nguyện bàn "
            "giao mặt bằng từ tháng 5/2021, không phải cưỡng chế.",
            "body": "<p>Vướng mắc trên tuyến đường kéo dài từ năm 2002 đã được tháo gỡ "
            "nhờ công tác tuyên truyền, đối thoại kiên trì với từng hộ dân.</p>",
        },
    },
    {
        "name": "Ban Chỉ đạo 35: bảo vệ nền tảng tư tưởng của Đảng",
        "slug": "ban-chi-dao-35",
        "period": "Năm 2021",
        "summary": "Hoạt động của Ban Chỉ đạo 35 quận: lan tỏa thông tin tích cực, đấu "
        "tranh phản bác quan điểm sai trái, thù địch trên không gian mạng.",
        "keywords": ["Ban Chỉ đạo 35", "không gian mạng"],
        "indicators": [
            ("Thành viên Ban Chỉ đạo", "người", 16, False),
            ("Thành viên tổ giúp việc", "người", 17, False),
            ("Cộng tác viên", "người", 42, True),
            ("Người theo dõi hai trang Facebook", "người", 5000, False, "tren"),
            ("Bài viết đăng tải", "bài", 1625, False),
            ("Ảnh đăng tải", "ảnh", 3095, False),
            ("Lượt tiếp cận", "lượt", 145000, False, "tren"),
            ("Lượt tương tác", "lượt", 14620, False),
            ("Lượt chia sẻ", "lượt", 215, False),
        ],
        "report": {
            "title": "Hoạt động trên không gian mạng đến ngày 25/11/2021",
            "period": "Năm 2021",
            "reported_on": "2021-11-25",
            "summary": "Hai trang Facebook của quận có hơn 5.000 người theo dõi, "
            "1.625 bài viết, 3.095 ảnh, hơn 145.000 lượt tiếp cận và 14.620 lượt "
            "tương tác.",
            "body": "<p>Ban Chỉ đạo có 16 thành viên, tổ giúp việc 17 người và 42 cộng "
            "tác viên. Các bài viết nhận hơn 600 bình luận, hơn 1.325 lượt thích và "
            "215 lượt chia sẻ.</p>",
        },
    },
]

CITED = (
    "được nêu trong bài tổng kết những hoạt động nổi bật năm 2021 của Ban Tuyên "
    "giáo Quận ủy Hoàng Mai"
)
DISTANCING = "ban hành trong thời gian giãn cách xã hội (24/7–21/9/2021)"
NOT_YET = "Trích yếu đầy đủ chưa được cập nhật lên cổng."
DOCUMENTS = [
    {
        "number": "05-CT/TW",
        "kind": "chi-thi",
        "issuer": "Bộ Chính trị",
        "issued_on": "2016-05-15",
        "summary": "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ "
        "Chí Minh.",
        "campaign": "chi-thi-05-ct-tw",
    },
    {
        "number": "181-CV/QU",
        "kind": "cong-van",
        "issuer": "Quận ủy Hoàng Mai",
        "issued_on": "2021-08-03",
        "summary": "Về việc thí điểm xây dựng mô hình “vùng xanh” phòng, chống dịch "
        "Covid-19 tại phường Mai Động và phường Đại Kim.",
        "campaign": "vung-xanh-covid-19",
    },
    {
        "number": "50-KH/QU",
        "kind": "ke-hoach",
        "issuer": "Quận ủy Hoàng Mai",
        "issued_on": "2021-08-24",
        "summary": "Về xây dựng, duy trì và nhân rộng mô hình “vùng xanh” phòng, chống "
        "dịch Covid-19 trên địa bàn quận.",
        "campaign": "vung-xanh-covid-19",
    },
    # Documents the office's review of 2021 cites by number. The brief gives their
    # numbers and dates only: the summaries say what is known, and no more.
    {
        "number": "06-CT/QU",
        "kind": "chi-thi",
        "issuer": "Quận ủy Hoàng Mai",
        "issued_on": "2021-02-02",
        "summary": f"Chỉ thị của Quận ủy Hoàng Mai, {CITED}. {NOT_YET}",
        "campaign": None,
    },
    {
        "number": "05-CT/TU",
        "kind": "chi-thi",
        "issuer": "Thành ủy Hà Nội",
        "issued_on": "2021-07-30",
        "summary": f"Chỉ thị của Thành ủy Hà Nội, {DISTANCING}; {CITED}. {NOT_YET}",
        "campaign": None,
    },
    {
        "number": "18/CĐ-UBND",
        "kind": "cong-dien",
        "issuer": "Ủy ban nhân dân",
        "issued_on": "2021-08-06",
        "summary": f"Công điện {DISTANCING}; {CITED}. {NOT_YET}",
        "campaign": None,
    },
    {
        "number": "19/CĐ-UBND",
        "kind": "cong-dien",
        "issuer": "Ủy ban nhân dân",
        "issued_on": "2021-08-21",
        "summary": f"Công điện {DISTANCING}; {CITED}. {NOT_YET}",
        "campaign": None,
    },
    {
        "number": "06-CT/TU",
        "kind": "chi-thi",
        "issuer": "Thành ủy Hà Nội",
        "issued_on": "2021-09-01",
        "summary": f"Chỉ thị của Thành ủy Hà Nội, {DISTANCING}; {CITED}. {NOT_YET}",
        "campaign": None,
    },
    {
        "number": "15-CT/TU",
        "kind": "chi-thi",
        "issuer": "Thành ủy Hà Nội",
        # Cited without a date: none is made up. On the portal since the review.
        "issued_on": None,
        "published_on": "2022-01-07",
        "summary": f"Chỉ thị của Thành ủy Hà Nội, {CITED}; bài không ghi ngày ban "
        f"hành. {NOT_YET}",
        "campaign": None,
    },
]
