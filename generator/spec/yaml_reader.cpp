#include "spec/yaml_reader.h"

#include <yaml.h>

#include <algorithm>
#include <map>

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

// Builds SourceNode trees from libyaml's events.
class TreeBuilder {
 public:
  TreeBuilder(SourceFilePtr file, diag::DiagnosticSink& sink, const ReadLimits& limits)
      : file_(std::move(file)),
        sink_(sink),
        limits_(limits),
        max_events_(4 * file_->text().size() + 1024) {}

  std::vector<SourceNode> take_documents() { return std::move(documents_); }

  // Handles one event; throws StopParsing after reporting a problem.
  void handle(const yaml_event_t& e) {
    count_event(e.start_mark);
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        anchors_.clear();
        stack_.clear();
        break;
      case YAML_ALIAS_EVENT:
        on_alias(e);
        break;
      case YAML_SCALAR_EVENT:
        on_scalar(e);
        break;
      case YAML_SEQUENCE_START_EVENT:
        check_collection_tag(e.start_mark, e.data.sequence_start.tag);
        push(SourceNode::sequence(location(e.start_mark, 1)), e.data.sequence_start.anchor,
             e.start_mark);
        break;
      case YAML_MAPPING_START_EVENT:
        check_collection_tag(e.start_mark, e.data.mapping_start.tag);
        push(SourceNode::mapping(location(e.start_mark, 1)), e.data.mapping_start.anchor,
             e.start_mark);
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        pop();
        break;
      default:  // stream start/end, document end
        break;
    }
  }

 private:
  struct Frame {
    SourceNode node;
    std::string anchor;
    bool have_key = false;
    SourceNode key;
  };

  static std::string_view text_of(const yaml_char_t* s) {
    return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view{};
  }

  SourceLocation location(const yaml_mark_t& mark, uint32_t length) const {
    return SourceLocation{file_, static_cast<uint32_t>(mark.line + 1),
                          static_cast<uint32_t>(mark.column + 1), length};
  }

  void on_alias(const yaml_event_t& e) {
    auto it = anchors_.find(text_of(e.data.alias.anchor));
    if (it == anchors_.end()) fail(e.start_mark, "alias to an unknown anchor");
    alias_nodes_ += count_nodes(it->second);
    if (alias_nodes_ > limits_.max_alias_nodes) {
      fail(e.start_mark, "aliases expand to more than " + std::to_string(limits_.max_alias_nodes) +
                             " nodes; refusing (an alias bomb?)");
    }
    SourceNode copy = it->second;
    copy.key.clear();
    copy.key_location = {};
    add(std::move(copy));
  }

  void on_scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    std::string_view tag = text_of(s.tag);
    bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    // A non-plain scalar, or one tagged ! or !!str, is always a string.
    bool quoted = !plain || tag == "!" || tag == "tag:yaml.org,2002:str";
    if (!(tag.empty() || quoted))
      fail(e.start_mark, "unsupported YAML tag '" + std::string(tag) + "'");
    std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
    SourceNode n;
    if (!quoted &&
        (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")) {
      n = SourceNode::null(location(e.start_mark, 1));
    } else {
      auto len = static_cast<uint32_t>(std::min<size_t>(value.size(), 1000));
      n = SourceNode::scalar(std::string(value), location(e.start_mark, quoted ? len + 2 : len),
                             quoted);
    }
    remember(text_of(s.anchor), n);
    add(std::move(n));
  }

  // A document has at most a few nodes per byte; past that, stop (a guard
  // kept from yaml-cpp 0.7, which could loop forever on malformed input).
  void count_event(const yaml_mark_t& mark) {
    if (++events_ > max_events_) {
      fail(mark, "the YAML parser stopped making progress here; refusing the file");
    }
  }

  [[noreturn]] void fail(const yaml_mark_t& mark, std::string message) {
    sink_.error(location(mark, 1), std::move(message)).rule = "yaml";
    throw StopParsing{};
  }

  void check_collection_tag(const yaml_mark_t& mark, const yaml_char_t* raw) {
    std::string_view tag = text_of(raw);
    if (!(tag.empty() || tag == "!" || tag == "tag:yaml.org,2002:map" ||
          tag == "tag:yaml.org,2002:seq")) {
      fail(mark, "unsupported YAML tag '" + std::string(tag) + "'");
    }
  }

  void remember(std::string_view anchor, const SourceNode& n) {
    if (!anchor.empty()) anchors_.insert_or_assign(std::string(anchor), n);
  }

  void push(SourceNode n, const yaml_char_t* anchor, const yaml_mark_t& mark) {
    if (stack_.size() >= limits_.max_depth) {
      fail(mark, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    Frame f;
    f.node = std::move(n);
    f.anchor = text_of(anchor);
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
  std::map<std::string, SourceNode, std::less<>> anchors_;
  size_t alias_nodes_ = 0;
  std::vector<SourceNode> documents_;
};

// libyaml's parser and its current event, released on every path.
class EventStream {
 public:
  explicit EventStream(std::string_view text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~EventStream() {
    if (have_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // The next event, or nullptr at a syntax error (see error()).
  const yaml_event_t* next() {
    if (have_event_) yaml_event_delete(&event_);
    have_event_ = yaml_parser_parse(&parser_, &event_) != 0;
    return have_event_ ? &event_ : nullptr;
  }

  const yaml_parser_t& parser() const { return parser_; }

 private:
  yaml_parser_t parser_;
  yaml_event_t event_;
  bool have_event_ = false;
};

void report_syntax_error(const SourceFilePtr& file, const yaml_parser_t& parser,
                         diag::DiagnosticSink& sink) {
  const yaml_mark_t& mark = parser.problem ? parser.problem_mark : parser.mark;
  auto& d = sink.error(
      {file, static_cast<uint32_t>(mark.line + 1), static_cast<uint32_t>(mark.column + 1), 1},
      std::string("invalid YAML: ") + (parser.problem ? parser.problem : "cannot parse"));
  d.rule = "yaml";
  if (parser.context) {
    d.note = std::string(parser.context) + " at " +
             SourceLocation{file, static_cast<uint32_t>(parser.context_mark.line + 1),
                            static_cast<uint32_t>(parser.context_mark.column + 1), 1}
                 .to_string();
  }
}

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
  TreeBuilder builder(file, sink, limits);
  EventStream events(file->text());
  try {
    while (const yaml_event_t* e = events.next()) {
      if (e->type == YAML_STREAM_END_EVENT) return builder.take_documents();
      builder.handle(*e);
    }
    report_syntax_error(file, events.parser(), sink);
  } catch (const StopParsing&) {
  }
  return builder.take_documents();
}

}  // namespace ivcapgen::spec
