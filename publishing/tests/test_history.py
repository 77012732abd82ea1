"""Bodies in the history: compared as text, a paragraph at a time."""

from publishing.history import compare_paragraphs, paragraphs


def test_paragraphs_are_the_text_of_each_block():
    html = (
        "<h2>Kết quả</h2><p>Cử tri <strong>đi bầu</strong> đông.</p>"
        "<ul><li>Phường Định Công</li><li>Phường Mai Động</li></ul>"
        "<figure class='table'><table><tr><th>Phường</th><th>Số cử tri</th></tr>"
        "<tr><td>Định Công</td><td>30.646</td></tr></table></figure>"
        '<figure class="image"><img src="/media/a.jpg" alt="Điểm bầu cử"></figure>'
    )
    assert paragraphs(html) == [
        "Kết quả",
        "Cử tri đi bầu đông.",
        "Phường Định Công",
        "Phường Mai Động",
        "Phường | Số cử tri",
        "Định Công | 30.646",
        "Ảnh “Điểm bầu cử”",
    ]


def test_compare_says_what_was_removed_and_added():
    old = "<p>Một.</p><p>Hai.</p><p>Ba.</p>"
    new = "<p>Một.</p><p>Hai, sửa lại.</p><p>Ba.</p><p>Bốn.</p>"
    assert compare_paragraphs(old, new) == [
        ("Bỏ đoạn", "Hai."),
        ("Thêm đoạn", "Hai, sửa lại."),
        ("Thêm đoạn", "Bốn."),
    ]
    assert compare_paragraphs(old, old.replace("Hai", "<em>Hai</em>")) == []
