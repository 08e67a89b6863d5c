#include "grammar/Value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace jazz::grammar {

std::string Value::toString() const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%c,%.3f", char(type), duration);
    std::string s = buf;
    if (upper && lower)
        s += ",<" + upper->directedName() + "," + lower->directedName() + ">";
    return s;
}

std::optional<Value> Value::parse(const std::string& text, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<Value> {
        if (error)
            *error = "grammar value '" + text + "': " + why;
        return std::nullopt;
    };
    if (text.size() < 3 || text[1] != ',')
        return fail("expected TYPE,DURATION");
    Value v;
    switch (text[0]) {
    case 'R':
    case 'C':
    case 'S':
    case 'A':
    case 'X':
        v.type = ToneType(text[0]);
        break;
    default:
        return fail(std::string("unknown type '") + text[0] + "' (expected R, C, S, A or X)");
    }
    const size_t comma = text.find(',', 2);
    const std::string dur = text.substr(2, comma == std::string::npos ? std::string::npos : comma - 2);
    char* end = nullptr;
    const double d = std::strtod(dur.c_str(), &end);
    if (dur.empty() || *end != '\0' || !std::isfinite(d) || d < 0 || d > 4096)
        return fail("bad duration '" + dur + "' (expected quarter notes, 0 to 4096)");
    v.duration = d;
    if (comma == std::string::npos)
        return v;
    const std::string rest = text.substr(comma + 1);
    if (rest.size() < 5 || rest.front() != '<' || rest.back() != '>')
        return fail("expected an interval range <UP,DOWN> after the duration");
    const std::string inner = rest.substr(1, rest.size() - 2);
    const size_t mid = inner.find(',');
    if (mid == std::string::npos)
        return fail("expected two intervals in <UP,DOWN>");
    const auto up = theory::Interval::parse(inner.substr(0, mid));
    const auto down = theory::Interval::parse(inner.substr(mid + 1));
    if (!up || !down)
        return fail("bad interval name in '" + rest + "'");
    if (v.type == ToneType::Rest)
        return fail("a rest carries no interval range");
    v.upper = up;
    v.lower = down;
    return v;
}

} // namespace jazz::grammar
