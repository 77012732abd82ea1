"""What staff read: the sign-in's messages and the names of their devices."""

APP_DEVICE_NAME = "Ứng dụng xác thực"
BACKUP_DEVICE_NAME = "Mã dự phòng"

MESSAGES = {
    "token_required": (
        "Vui lòng nhập mã xác thực: 6 chữ số đang hiện trong ứng dụng xác thực trên "
        "điện thoại của bạn, hoặc một mã dự phòng. Hãy nhập lại cả mật khẩu."
    ),
    "invalid": (
        "Mã xác thực không đúng hoặc đã hết hạn. Mỗi mã chỉ dùng được một lần, "
        "trong khoảng 30 giây: hãy nhập lại mật khẩu và mã đang hiện trong ứng dụng "
        "(đồng hồ điện thoại cần đặt giờ tự động), hoặc dùng một mã dự phòng."
    ),
    "invalid_backup": (
        "Mã dự phòng không đúng hoặc đã được dùng: mỗi mã dự phòng chỉ dùng được "
        "một lần. Hãy nhập lại mật khẩu và một mã khác."
    ),
    "enrol_invalid": (
        "Mã xác nhận không đúng hoặc đã hết hạn. Hãy nhập 6 chữ số đang hiện trong "
        "ứng dụng cho tài khoản vừa thêm (đồng hồ điện thoại cần đặt giờ tự động)."
    ),
    "enrol_expired": (
        "Phiên thiết lập xác thực hai lớp đã hết hạn. Vui lòng đăng nhập lại để "
        "bắt đầu lại."
    ),
    "enrol_done_elsewhere": (
        "Tài khoản này vừa được thiết lập xác thực hai lớp ở nơi khác. Hãy đăng nhập "
        "bằng mã trong ứng dụng; nếu không phải bạn thiết lập, hãy báo ngay quản trị "
        "viên."
    ),
}
