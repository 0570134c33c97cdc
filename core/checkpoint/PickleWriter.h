#pragma once
// Emits pickle protocol 2, the dialect torch.save uses, one opcode per call. Only what a
// checkpoint needs: scalars, strings, lists, dicts, tuples, globals, REDUCE, BINPERSID.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace sb {

class PickleWriter {
public:
    PickleWriter();  // starts with PROTO 2

    void mark() { op('('); }
    void emptyDict() { op('}'); }
    void emptyList() { op(']'); }
    void emptyTuple() { op(')'); }
    void tuple() { op('t'); }
    void setItems() { op('u'); }
    void appends() { op('e'); }
    void reduce() { op('R'); }
    void binPersId() { op('Q'); }
    void none() { op('N'); }
    void stop() { op('.'); }
    void boolean(bool value) { op(value ? '\x88' : '\x89'); }
    void integer(int64_t value);
    void real(double value);
    void unicode(const std::string& text);  // sb::Error unless valid UTF-8
    void global(const std::string& module, const std::string& name);
    // JSON as Python data (dict, list, int, float, str, bool, None). intKeys: object keys
    // that are decimal integers become ints (BEATs label_dict maps class index to name).
    void json(const nlohmann::json& value, bool intKeys = false, int depth = 0);

    const std::string& bytes() const { return out_; }

private:
    void op(char code) { out_ += code; }
    void littleEndian(uint64_t value, int bytes);
    std::string out_;
};

}  // namespace sb
