// "Chia sẻ": the phone's own share sheet (Zalo, Facebook, Messenger… as
// installed) where the browser has one, else copying the link, with a message
// the reader sees. Without JavaScript the button stays hidden and the Facebook
// link, a plain link that loads nothing from Facebook until followed, remains.
document.querySelectorAll(".share").forEach(function (box) {
  var button = box.querySelector(".share__button");
  var status = box.querySelector(".share__status");
  var url = button.dataset.url;
  var canShare = typeof navigator.share === "function";
  var canCopy = !!(navigator.clipboard && navigator.clipboard.writeText);
  if (!canShare && !canCopy) {
    return;
  }

  function say(text) {
    status.textContent = text;
  }

  function copy() {
    var failed = "Không sao chép được. Liên kết của bài: " + url;
    if (!canCopy) {
      say(failed);
      return;
    }
    navigator.clipboard.writeText(url).then(function () {
      say("Đã sao chép liên kết. Hãy dán vào Zalo, Facebook hoặc tin nhắn để chia sẻ.");
    }, function () {
      say(failed);
    });
  }

  button.textContent = canShare ? "Chia sẻ qua ứng dụng…" : "Sao chép liên kết";
  button.hidden = false;
  button.addEventListener("click", function () {
    say("");
    if (!canShare) {
      copy();
      return;
    }
    navigator.share({ title: button.dataset.title, url: url }).catch(function (error) {
      // Closing the share sheet is the reader's choice, not a failure.
      if (error.name !== "AbortError") {
        copy();
      }
    });
  });
});
