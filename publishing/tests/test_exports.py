"""Imported files are read whole, as a clerk wrote them."""

import json

from publishing.exports import SafeJSON


def test_a_json_file_keeps_a_column_only_later_records_name():
    records = [{"Tiêu đề": "Tin một"}, {"Tiêu đề": "Tin hai", "Tác giả": "Lan"}]
    dataset = SafeJSON().create_dataset(json.dumps(records))
    assert dataset.headers == ["Tiêu đề", "Tác giả"]
    assert [list(row) for row in dataset] == [["Tin một", None], ["Tin hai", "Lan"]]
