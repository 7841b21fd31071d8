#include "output/hcl_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace ivcapgen::output::hcl {

namespace {

void pad(std::string& out, int indent) {
  out.append(static_cast<size_t>(indent) * 2, ' ');
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Object keys are written bare only when nothing else could be read into
// them: no `-` (legal, but reads like subtraction) and no keyword (`for`
// starts a for expression, `true`/`null` are values).
bool is_bare_key(std::string_view key) {
  static constexpr std::string_view kKeywords[] = {"for", "in", "if", "true", "false", "null"};
  if (key.empty() || !is_letter(key.front())) return false;
  if (!std::all_of(key.begin(), key.end(), [](char c) { return is_letter(c) || is_digit(c); }))
    return false;
  return std::find(std::begin(kKeywords), std::end(kKeywords), key) == std::end(kKeywords);
}

std::string object_key(std::string_view key) {
  return is_bare_key(key) ? std::string(key) : quote(key);
}

void require_identifier(std::string_view name, std::string_view what) {
  if (!is_identifier(name)) {
    throw std::invalid_argument("HCL " + std::string(what) + " '" + std::string(name) +
                                "' is not an identifier");
  }
}

// Writes `name = value` lines for a run of single-line values with the `=`
// aligned as `terraform fmt` aligns it: one space after the longest name.
void write_aligned_run(std::string& out, int indent,
                       const std::vector<std::pair<std::string, const Expression*>>& run) {
  size_t width = 0;
  for (const auto& [name, _] : run) width = std::max(width, name.size());
  for (const auto& [name, value] : run) {
    pad(out, indent);
    out += name;
    out.append(width - name.size(), ' ');
    out += " = ";
    value->render(out, indent);
    out += '\n';
  }
}

void write_multiline_assignment(std::string& out, int indent, const std::string& name,
                                const Expression& value) {
  pad(out, indent);
  out += name;
  out += " = ";
  value.render(out, indent);
  out += '\n';
}

}  // namespace

// --- Expression ------------------------------------------------------------

Expression Expression::string(std::string_view value) {
  Expression e(Kind::String);
  e.text_ = value;
  return e;
}

Expression Expression::number(int64_t value) {
  Expression e(Kind::Number);
  e.text_ = std::to_string(value);
  return e;
}

Expression Expression::number(double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("HCL has no infinite or NaN numbers");
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  Expression e(Kind::Number);
  e.text_.assign(buffer, result.ptr);
  return e;
}

Expression Expression::boolean(bool value) {
  Expression e(Kind::Bool);
  e.text_ = value ? "true" : "false";
  return e;
}

Expression Expression::null() {
  Expression e(Kind::Null);
  e.text_ = "null";
  return e;
}

Expression Expression::raw(std::string_view text) {
  if (text.empty() || text.find('\n') != std::string_view::npos) {
    throw std::invalid_argument("a raw HCL expression is one non-empty line");
  }
  Expression e(Kind::Raw);
  e.text_ = text;
  return e;
}

Expression Expression::list(std::vector<Expression> items) {
  Expression e(Kind::List);
  e.items_ = std::move(items);
  return e;
}

Expression Expression::object(std::vector<std::string> keys, std::vector<Expression> values) {
  if (keys.size() != values.size()) throw std::invalid_argument("object keys and values differ");
  Expression e(Kind::Object);
  e.keys_ = std::move(keys);
  e.items_ = std::move(values);
  return e;
}

Expression Expression::inline_object(std::vector<std::string> keys,
                                     std::vector<Expression> values) {
  Expression e = object(std::move(keys), std::move(values));
  for (const auto& v : e.items_) {
    if (v.multiline()) throw std::invalid_argument("an inline object holds single-line values");
  }
  e.inline_ = true;
  return e;
}

Expression Expression::call(std::string_view function, std::vector<Expression> args) {
  require_identifier(function, "function name");
  // `f({ … }, { … })` would put a closing and an opening bracket on one line,
  // which fmt indents differently; nothing here needs it.
  bool seen_multiline = false;
  for (const auto& a : args) {
    if (a.multiline() && seen_multiline) {
      throw std::invalid_argument("a call may have only one multi-line argument");
    }
    seen_multiline = seen_multiline || a.multiline();
  }
  Expression e(Kind::Call);
  e.text_ = function;
  e.items_ = std::move(args);
  return e;
}

Expression Expression::for_list(std::string_view item, Expression collection, Expression result) {
  require_identifier(item, "iterator name");
  if (collection.multiline()) throw std::invalid_argument("a for collection is one line");
  Expression e(Kind::ForList);
  e.text_ = item;
  e.items_.push_back(std::move(collection));
  e.items_.push_back(std::move(result));
  return e;
}

bool Expression::multiline() const {
  switch (kind_) {
    case Kind::Object:
      return !inline_ && !items_.empty();
    case Kind::ForList:
      return true;
    case Kind::List:
    case Kind::Call:
      return std::any_of(items_.begin(), items_.end(),
                         [](const Expression& e) { return e.multiline(); });
    default:
      return false;
  }
}

void Expression::render_object_items(std::string& out, int indent) const {
  std::vector<std::pair<std::string, const Expression*>> run;
  for (size_t i = 0; i < items_.size(); ++i) {
    std::string key = object_key(keys_[i]);
    if (!items_[i].multiline()) {
      run.emplace_back(std::move(key), &items_[i]);
      continue;
    }
    write_aligned_run(out, indent, run);
    run.clear();
    write_multiline_assignment(out, indent, key, items_[i]);
  }
  write_aligned_run(out, indent, run);
}

void Expression::render(std::string& out, int indent) const {
  switch (kind_) {
    case Kind::String:
      out += quote(text_);
      return;
    case Kind::Number:
    case Kind::Bool:
    case Kind::Null:
    case Kind::Raw:
      out += text_;
      return;
    case Kind::List:
      if (!multiline()) {
        out += '[';
        for (size_t i = 0; i < items_.size(); ++i) {
          if (i) out += ", ";
          items_[i].render(out, indent);
        }
        out += ']';
        return;
      }
      out += "[\n";
      for (const auto& item : items_) {
        pad(out, indent + 1);
        item.render(out, indent + 1);
        out += ",\n";
      }
      pad(out, indent);
      out += ']';
      return;
    case Kind::Object:
      if (items_.empty()) {
        out += "{}";
      } else if (inline_) {
        out += "{ ";
        for (size_t i = 0; i < items_.size(); ++i) {
          if (i) out += ", ";
          out += object_key(keys_[i]);
          out += " = ";
          items_[i].render(out, indent);
        }
        out += " }";
      } else {
        out += "{\n";
        render_object_items(out, indent + 1);
        pad(out, indent);
        out += '}';
      }
      return;
    case Kind::Call:
      out += text_;
      out += '(';
      for (size_t i = 0; i < items_.size(); ++i) {
        if (i) out += ", ";
        items_[i].render(out, indent);
      }
      out += ')';
      return;
    case Kind::ForList:
      out += "[\n";
      pad(out, indent + 1);
      out += "for " + text_ + " in ";
      items_[0].render(out, indent + 1);
      out += " : ";
      items_[1].render(out, indent + 1);
      out += '\n';
      pad(out, indent);
      out += ']';
      return;
  }
}

// --- Body and Block --------------------------------------------------------

Body& Body::attribute(std::string_view name, Expression value) {
  require_identifier(name, "attribute name");
  Item item{ItemKind::Attribute, std::string(name), {}, {}};
  item.value.push_back(std::move(value));
  items_.push_back(std::move(item));
  return *this;
}

Body& Body::block(Block block) {
  Item item{ItemKind::Block, {}, {}, {}};
  item.block.push_back(std::move(block));
  items_.push_back(std::move(item));
  return *this;
}

Body& Body::comment(std::string_view text) {
  items_.push_back(Item{ItemKind::Comment, std::string(text), {}, {}});
  return *this;
}

Body& Body::blank_line() {
  items_.push_back(Item{ItemKind::Break, {}, {}, {}});
  return *this;
}

bool Body::empty() const {
  return std::none_of(items_.begin(), items_.end(),
                      [](const Item& i) { return i.kind != ItemKind::Break; });
}

void Body::render(std::string& out, int indent) const {
  const Item* previous = nullptr;
  bool pending_break = false;
  std::vector<std::pair<std::string, const Expression*>> run;
  auto flush_run = [&] {
    write_aligned_run(out, indent, run);
    run.clear();
  };
  // Whether the comments starting at `i` precede a block.
  auto comments_before_block = [&](size_t i) {
    while (i < items_.size() && items_[i].kind == ItemKind::Comment) ++i;
    return i < items_.size() && items_[i].kind == ItemKind::Block;
  };
  for (size_t i = 0; i < items_.size(); ++i) {
    const Item& item = items_[i];
    if (item.kind == ItemKind::Break) {
      pending_break = true;
      continue;
    }
    // Blocks stand apart; a comment stays with the item it precedes.
    bool starts_block = item.kind == ItemKind::Block ||
                        (item.kind == ItemKind::Comment && comments_before_block(i));
    bool blank =
        previous && (pending_break || previous->kind == ItemKind::Block ||
                     (starts_block && previous->kind == ItemKind::Attribute) ||
                     (item.kind == ItemKind::Block && previous->kind != ItemKind::Comment));
    pending_break = false;
    previous = &item;
    if (blank || item.kind != ItemKind::Attribute || item.value[0].multiline()) flush_run();
    if (blank) out += '\n';
    switch (item.kind) {
      case ItemKind::Comment: {
        size_t start = 0;
        while (true) {
          size_t end = item.text.find('\n', start);
          std::string_view line = std::string_view(item.text).substr(start, end - start);
          pad(out, indent);
          out += line.empty() ? "#" : "# " + std::string(line);
          out += '\n';
          if (end == std::string::npos) break;
          start = end + 1;
        }
        break;
      }
      case ItemKind::Block:
        item.block[0].render(out, indent);
        break;
      case ItemKind::Attribute:
        if (item.value[0].multiline()) {
          write_multiline_assignment(out, indent, item.text, item.value[0]);
        } else {
          run.emplace_back(item.text, &item.value[0]);
        }
        break;
      case ItemKind::Break:
        break;
    }
  }
  flush_run();
}

Block::Block(std::string_view type, std::vector<std::string> labels)
    : type_(type), labels_(std::move(labels)) {
  require_identifier(type, "block type");
}

Block& Block::attribute(std::string_view name, Expression value) {
  body_.attribute(name, std::move(value));
  return *this;
}

Block& Block::block(Block nested) {
  body_.block(std::move(nested));
  return *this;
}

Block& Block::comment(std::string_view text) {
  body_.comment(text);
  return *this;
}

Block& Block::blank_line() {
  body_.blank_line();
  return *this;
}

void Block::render(std::string& out, int indent) const {
  pad(out, indent);
  out += type_;
  for (const auto& label : labels_) {
    out += ' ';
    out += quote(label);
  }
  if (body_.empty()) {
    out += " {}\n";
    return;
  }
  out += " {\n";
  body_.render(out, indent + 1);
  pad(out, indent);
  out += "}\n";
}

// --- Files and literals ----------------------------------------------------

std::string to_hcl(const Body& file) {
  std::string out;
  file.render(out, 0);
  return out;
}

std::string quote(std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    bool opens_template = i + 1 < value.size() && value[i + 1] == '{';
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '$':
      case '%':
        // `${` and `%{` would start an interpolation or a directive.
        out += c;
        if (opens_template) out += c;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += "\\u00";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

bool is_identifier(std::string_view name) {
  if (name.empty() || !is_letter(name.front())) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return is_letter(c) || is_digit(c) || c == '-'; });
}

}  // namespace ivcapgen::output::hcl
