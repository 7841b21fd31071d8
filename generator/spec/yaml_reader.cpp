#include "spec/yaml_reader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>

namespace ivcapgen::spec {

namespace {

using diag::SourceFilePtr;

// Thrown from the event handler to stop parsing after a reported problem.
struct StopParsing {};

// Length in bytes of the UTF-8 sequence starting at s[i], or 0 if invalid.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t n;
  uint32_t cp;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  // Reject overlong forms, surrogates and values beyond Unicode.
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(SourceFilePtr file, diag::DiagnosticSink& sink, const ReadLimits& limits)
      : file_(std::move(file)),
        sink_(sink),
        limits_(limits),
        max_events_(4 * file_->text().size() + 1024) {}

  std::vector<SourceNode> take_documents() { return std::move(documents_); }

  void OnDocumentStart(const YAML::Mark&) override {
    anchors_.clear();
    stack_.clear();
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count_event(mark);
    SourceNode n = SourceNode::null(location(mark, 1));
    remember(anchor, n);
    add(std::move(n));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count_event(mark);
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      fail(mark, "alias to an unknown anchor");
    }
    alias_nodes_ += count_nodes(it->second);
    if (alias_nodes_ > limits_.max_alias_nodes) {
      fail(mark, "aliases expand to more than " + std::to_string(limits_.max_alias_nodes) +
                     " nodes; refusing (an alias bomb?)");
    }
    SourceNode copy = it->second;
    copy.key.clear();
    copy.key_location = {};
    add(std::move(copy));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count_event(mark);
    // yaml-cpp tags plain scalars "?" and quoted or block scalars "!".
    bool quoted = tag == "!" || tag == "tag:yaml.org,2002:str";
    if (!(tag == "?" || quoted || tag.empty())) {
      fail(mark, "unsupported YAML tag '" + tag + "'");
    }
    uint32_t len = static_cast<uint32_t>(std::min<size_t>(value.size(), 1000));
    SourceNode n = SourceNode::scalar(value, location(mark, quoted ? len + 2 : len), quoted);
    remember(anchor, n);
    add(std::move(n));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    count_event(mark);
    check_collection_tag(mark, tag);
    push(SourceNode::sequence(location(mark, 1)), anchor, mark);
  }
  void OnSequenceEnd() override { pop(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    count_event(mark);
    check_collection_tag(mark, tag);
    push(SourceNode::mapping(location(mark, 1)), anchor, mark);
  }
  void OnMapEnd() override { pop(); }

 private:
  struct Frame {
    SourceNode node;
    YAML::anchor_t anchor = 0;
    bool have_key = false;
    SourceNode key;
  };

  SourceLocation location(const YAML::Mark& mark, uint32_t length) const {
    return SourceLocation{file_, static_cast<uint32_t>(mark.line + 1),
                          static_cast<uint32_t>(mark.column + 1), length};
  }

  // yaml-cpp 0.7 can loop forever on some malformed input (found by the
  // fuzzers, e.g. ",1k\n-&"), producing null nodes without consuming any.
  // A document has at most a few nodes per byte; past that, stop.
  void count_event(const YAML::Mark& mark) {
    if (++events_ > max_events_) {
      fail(mark, "the YAML parser stopped making progress here; refusing the file");
    }
  }

  [[noreturn]] void fail(const YAML::Mark& mark, std::string message) {
    sink_.error(location(mark, 1), std::move(message)).rule = "yaml";
    throw StopParsing{};
  }

  void check_collection_tag(const YAML::Mark& mark, const std::string& tag) {
    if (!(tag == "?" || tag == "!" || tag.empty() || tag == "tag:yaml.org,2002:map" ||
          tag == "tag:yaml.org,2002:seq")) {
      fail(mark, "unsupported YAML tag '" + tag + "'");
    }
  }

  void remember(YAML::anchor_t anchor, const SourceNode& n) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = n;
  }

  void push(SourceNode n, YAML::anchor_t anchor, const YAML::Mark& mark) {
    if (stack_.size() >= limits_.max_depth) {
      fail(mark, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    Frame f;
    f.node = std::move(n);
    f.anchor = anchor;
    stack_.push_back(std::move(f));
  }

  void pop() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    remember(f.anchor, f.node);
    add(std::move(f.node));
  }

  void add(SourceNode n) {
    if (stack_.empty()) {
      documents_.push_back(std::move(n));
      return;
    }
    Frame& top = stack_.back();
    if (top.node.is_sequence()) {
      top.node.items.push_back(std::move(n));
      return;
    }
    if (!top.have_key) {
      if (!n.is_scalar() && !n.is_null()) {
        sink_.error(n.location, "only plain keys are supported in mappings, not " + n.describe())
            .rule = "yaml";
        throw StopParsing{};
      }
      top.key = std::move(n);
      top.have_key = true;
      return;
    }
    top.have_key = false;
    const std::string& key = top.key.text;
    if (const SourceNode* first = top.node.find(key)) {
      auto& d = sink_.error(top.key.location, "duplicate key '" + key + "'");
      d.note = "first defined at " + first->key_location.to_string();
      d.rule = "yaml";
      return;  // keep the first, report the second; parsing goes on
    }
    n.key = key;
    n.key_location = top.key.location;
    n.key_location.length = static_cast<uint32_t>(std::min<size_t>(key.size(), 1000));
    top.node.items.push_back(std::move(n));
  }

  SourceFilePtr file_;
  diag::DiagnosticSink& sink_;
  const ReadLimits& limits_;
  size_t max_events_;
  size_t events_ = 0;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, SourceNode> anchors_;
  size_t alias_nodes_ = 0;
  std::vector<SourceNode> documents_;
};

}  // namespace

bool check_text_encoding(const SourceFilePtr& file, diag::DiagnosticSink& sink) {
  std::string_view text = file->text();
  uint32_t line = 1, column = 1;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      sink.error({file, line, column, 1}, "NUL byte in input; is this a binary file?").rule =
          "encoding";
      return false;
    }
    size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      sink.error(
              {file, line, column, 1}, "input is not valid UTF-8 (byte 0x" +
                                           [&] {
                                             static const char* hex = "0123456789abcdef";
                                             return std::string{hex[c >> 4], hex[c & 15]};
                                           }() +
                                           ")")
          .rule = "encoding";
      return false;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      column += static_cast<uint32_t>(n);
    }
    i += n;
  }
  return true;
}

std::vector<SourceNode> read_yaml(const SourceFilePtr& file, diag::DiagnosticSink& sink,
                                  const ReadLimits& limits) {
  if (!check_text_encoding(file, sink)) return {};
  std::istringstream in(file->text());
  TreeBuilder builder(file, sink, limits);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const StopParsing&) {
  } catch (const YAML::Exception& e) {
    SourceLocation loc{file, static_cast<uint32_t>(e.mark.line + 1),
                       static_cast<uint32_t>(e.mark.column + 1), 1};
    if (e.mark.is_null()) loc = SourceLocation{file, 0, 0, 0};
    sink.error(loc, "invalid YAML: " + e.msg).rule = "yaml";
  }
  return builder.take_documents();
}

}  // namespace ivcapgen::spec
