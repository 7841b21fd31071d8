#pragma once
// HCL (Terraform) text from a small typed syntax tree, laid out exactly as
// `terraform fmt` lays it out, so that generated files pass `fmt -check`
// unchanged and reviewers never see formatting noise in a diff:
//   - two spaces per nesting level, `}` on its own line, trailing newline;
//   - `=` aligned within runs of consecutive single-line attributes (a
//     comment, a blank line, a block or a multi-line value ends a run);
//   - a blank line around every nested block and wherever the caller asked
//     for one (groups of attributes).
// Strings are escaped (`"`, `\`, control characters, and `${`/`%{` so that
// values are never read as templates); `raw` expressions are trusted
// generator-authored text (references, calls, conditionals, templates).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ivcapgen::output::hcl {

class Expression {
 public:
  enum class Kind { String, Number, Bool, Null, Raw, List, Object, Call, ForList };

  // A quoted string literal; the value is escaped, never interpolated.
  static Expression string(std::string_view value);
  static Expression number(int64_t value);
  static Expression number(double value);  // finite values only
  static Expression boolean(bool value);
  static Expression null();
  // Trusted expression text on one line: `var.x`, `module.network.vpc_id`,
  // `var.a ? 1 : 0`, `"${local.name}-db"`.
  static Expression raw(std::string_view text);
  // `[a, b]` when every item fits on one line, else one item per line.
  static Expression list(std::vector<Expression> items);
  // `{` newline, one `key = value` per line, `}` (keys are quoted unless
  // they are plain identifiers).
  static Expression object(std::vector<std::string> keys, std::vector<Expression> values);
  // `{ key = value, key = value }` on one line; every value must fit on one.
  static Expression inline_object(std::vector<std::string> keys, std::vector<Expression> values);
  // `name(arg, arg)`; a multi-line argument opens and closes on the lines of
  // the call (`list(object({` … `}))`), so it may only be followed by
  // single-line arguments.
  static Expression call(std::string_view function, std::vector<Expression> args);
  // `[` newline, `for ITEM in COLLECTION : RESULT`, newline, `]`.
  static Expression for_list(std::string_view item, Expression collection, Expression result);

  Kind kind() const { return kind_; }
  // Whether rendering takes more than one line.
  bool multiline() const;

  // Appends the expression; `indent` is the nesting level of the line it
  // starts on (continuation lines are indented from there).
  void render(std::string& out, int indent) const;

 private:
  explicit Expression(Kind kind) : kind_(kind) {}
  void render_object_items(std::string& out, int indent) const;

  Kind kind_;
  bool inline_ = false;            // Object: on one line
  std::string text_;               // literal text, raw text, function or iterator name
  std::vector<std::string> keys_;  // Object keys
  std::vector<Expression> items_;  // List items, Object values, Call args, ForList {coll, result}
};

class Block;

// The inside of a file or a block: attributes, nested blocks, comments and
// group breaks, in order.
class Body {
 public:
  Body& attribute(std::string_view name, Expression value);
  Body& block(Block block);
  // `# text` lines (one per line of `text`), kept with the item that follows.
  Body& comment(std::string_view text);
  // A blank line before the next item (several collapse into one).
  Body& blank_line();

  bool empty() const;
  void render(std::string& out, int indent) const;

 private:
  enum class ItemKind { Attribute, Block, Comment, Break };
  struct Item;
  std::vector<Item> items_;
};

class Block {
 public:
  explicit Block(std::string_view type, std::vector<std::string> labels = {});

  Body& body() { return body_; }
  const Body& body() const { return body_; }
  // Shorthands for body().attribute(...) etc., for building blocks inline.
  Block& attribute(std::string_view name, Expression value);
  Block& block(Block nested);
  Block& comment(std::string_view text);
  Block& blank_line();

  void render(std::string& out, int indent) const;

 private:
  std::string type_;
  std::vector<std::string> labels_;
  Body body_;
};

struct Body::Item {
  ItemKind kind;
  std::string text;               // attribute name or comment text
  std::vector<Expression> value;  // the attribute's value (zero or one)
  std::vector<Block> block;       // the nested block (zero or one)
};

// A whole .tf file: the top-level body, formatted, with a trailing newline.
std::string to_hcl(const Body& file);

// The quoted, escaped HCL string literal of `value`.
std::string quote(std::string_view value);
// A valid HCL identifier: a letter or `_`, then letters, digits, `_` or `-`.
bool is_identifier(std::string_view name);

}  // namespace ivcapgen::output::hcl
