"""Bodies in the history: compared as text, a paragraph, a row, a picture at a time."""

from publishing.history import blocks, compare_paragraphs, paragraphs

MEETING = '<figure class="image"><img src="/media/editor/hoi-nghi.jpg" alt="Hội nghị"'
MEETING += ' width="800" height="533"></figure>'
TABLE = (
    '<figure class="table"><table><tbody>'
    "<tr><th>Phường</th><th>Số cử tri</th></tr>"
    "<tr><td>Định Công</td><td>30.646</td></tr>"
    "<tr><td>Mai Động</td><td>25.120</td></tr>"
    "</tbody></table></figure>"
)


def test_blocks_are_the_text_of_each_block_row_and_picture():
    html = (
        "<h2>Kết quả</h2><p>Cử tri <strong>đi bầu</strong> đông.</p>"
        "<ul><li>Phường Định Công</li><li>Phường Mai Động</li></ul>"
        "<figure class='table'><table><tr><th>Phường</th><th>Số cử tri</th></tr>"
        "<tr><td>Định Công</td><td>30.646</td></tr></table></figure>"
        '<figure class="image"><img src="/media/a.jpg" alt="Điểm bầu cử">'
        "<figcaption>Điểm bầu cử số 5</figcaption></figure>"
        '<p>Trước ảnh <img src="/media/editor/anh-hop-bao.jpg"> sau ảnh.</p>'
    )
    assert blocks(html) == [
        ("đoạn", "Kết quả"),
        ("đoạn", "Cử tri đi bầu đông."),
        ("đoạn", "Phường Định Công"),
        ("đoạn", "Phường Mai Động"),
        ("dòng", "Phường | Số cử tri"),
        ("dòng", "Định Công | 30.646"),
        ("ảnh", "Điểm bầu cử"),
        ("đoạn", "Điểm bầu cử số 5"),
        # A picture within a paragraph, after its text; without a description,
        # by its file name.
        ("đoạn", "Trước ảnh sau ảnh."),
        ("ảnh", "anh-hop-bao.jpg"),
    ]
    assert paragraphs(html)[:2] == ["Kết quả", "Cử tri đi bầu đông."]


def test_compare_says_what_was_removed_and_added():
    old = "<p>Một.</p><p>Hai.</p><p>Ba.</p>"
    new = "<p>Một.</p><p>Hai, sửa lại.</p><p>Ba.</p><p>Bốn.</p>"
    assert compare_paragraphs(old, new) == [
        ("Bỏ đoạn", "Hai."),
        ("Thêm đoạn", "Hai, sửa lại."),
        ("Thêm đoạn", "Bốn."),
    ]
    assert compare_paragraphs(old, old.replace("Hai", "<em>Hai</em>")) == []


def test_a_picture_moved_from_the_first_paragraph_to_the_third_is_moved():
    old = f"<p>Một.</p>{MEETING}<p>Hai.</p><p>Ba.</p>"
    new = f"<p>Một.</p><p>Hai.</p><p>Ba.</p>{MEETING}"
    assert compare_paragraphs(old, new) == [("Chuyển ảnh", "Hội nghị")]
    # Upwards too.
    assert compare_paragraphs(new, old) == [("Chuyển ảnh", "Hội nghị")]


def test_pictures_added_and_removed_are_named():
    old = f"<p>Một.</p>{MEETING}"
    new = '<p>Một.</p><p><img src="/media/editor/anh-hop-bao.jpg" alt=""></p>'
    assert compare_paragraphs(old, new) == [
        ("Bỏ ảnh", "Hội nghị"),
        ("Thêm ảnh", "anh-hop-bao.jpg"),
    ]


def test_a_removed_table_row_is_a_removed_row_with_its_cells():
    old = f"<p>Kết quả bầu cử.</p>{TABLE}"
    new = old.replace("<tr><td>Định Công</td><td>30.646</td></tr>", "")
    assert compare_paragraphs(old, new) == [("Bỏ dòng", "Định Công | 30.646")]


def test_a_picture_moved_and_a_row_removed_in_one_save_are_both_said():
    old = f"{MEETING}<p>Kết quả bầu cử.</p>{TABLE}<p>Hết.</p>"
    new = old.replace(MEETING, "").replace("<p>Hết.</p>", f"<p>Hết.</p>{MEETING}")
    new = new.replace("<tr><td>Mai Động</td><td>25.120</td></tr>", "")
    # In the order of the body: a moved picture where it now stands.
    assert compare_paragraphs(old, new) == [
        ("Bỏ dòng", "Mai Động | 25.120"),
        ("Chuyển ảnh", "Hội nghị"),
    ]
