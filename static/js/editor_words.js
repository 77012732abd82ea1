/* The newsroom's words for the body editor (publishing/editor.py).

   CKEditor 5 calls a picture's alt "Chữ alt"; the newsroom asks for a "Mô tả ảnh",
   which every picture needs before an item goes to review or to readers. */
(function (translations) {
  const vi = translations.vi || (translations.vi = {});
  vi.dictionary = Object.assign(vi.dictionary || {}, {
    "Change image text alternative": "Mô tả ảnh",
    "Text alternative": "Mô tả ảnh (cho người khiếm thị)",
  });
})(window.CKEDITOR_TRANSLATIONS || (window.CKEDITOR_TRANSLATIONS = {}));
