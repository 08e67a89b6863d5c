#include "accompany/StyleLibrary.h"

#include "Error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace jazz::accompany {

namespace {

std::string lower(std::string s) {
    for (char& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

QString withoutComment(const QString& line) {
    const int at = line.indexOf("//");
    return at < 0 ? line : line.left(at);
}

// One library file: "Time N" sets the meter of the grooves defined after it; "DefGroove NAME
// words..." defines one, its description continued over lines that end in a backslash.
void readFile(const QString& path, std::vector<Style>* styles) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return; // an unreadable library file hides its grooves; MMA would not load it either
    QTextStream in(&f);
    int beats = 4;
    while (!in.atEnd()) {
        QString line = withoutComment(in.readLine()).trimmed();
        const QStringList words = line.split(' ', Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue;
        const QString keyword = words[0].toLower();
        if (keyword == "time" && words.size() >= 2) {
            bool ok = false;
            const int n = words[1].toInt(&ok);
            if (ok && n > 0 && n <= 16)
                beats = n;
        } else if (keyword == "defgroove" && words.size() >= 2) {
            QString text = line;
            while (text.endsWith('\\') && !in.atEnd())
                text = text.chopped(1) + ' ' + withoutComment(in.readLine()).trimmed();
            QStringList all = text.split(QRegularExpression("\\s+"), Qt::SkipEmptyParts);
            Style s;
            s.name = all[1].toStdString();
            s.description = all.mid(2).join(' ').toStdString();
            s.file = path.toStdString();
            s.beatsPerBar = beats;
            styles->push_back(std::move(s));
        }
    }
}

} // namespace

std::string defaultStyleFor(double beatsPerBar) {
    return int(beatsPerBar + 0.5) == 3 ? kDefaultWaltzStyle : kDefaultStyle;
}

std::string defaultStyleDirectory() {
    if (const char* env = std::getenv("JAZZ_MMA_LIBRARY"); env && *env)
        return env;
    for (const char* dir : {"/usr/share/mma/lib/stdlib", "/usr/local/share/mma/lib/stdlib"})
        if (QFileInfo(dir).isDir())
            return dir;
    return {};
}

std::vector<Style> readStyles(const std::string& directory) {
    const QDir dir(QString::fromStdString(directory));
    if (directory.empty() || !dir.exists())
        throw Error("MMA's groove library " +
                    (directory.empty() ? std::string("") : directory + " ") +
                    "was not found: install the Debian package 'mma'");
    std::vector<Style> styles;
    for (const QFileInfo& f : dir.entryInfoList({"*.mma"}, QDir::Files, QDir::Name))
        readFile(f.filePath(), &styles);
    if (styles.empty())
        throw Error(directory + ": no MMA grooves (DefGroove) found");
    std::stable_sort(styles.begin(), styles.end(),
                     [](const Style& a, const Style& b) { return lower(a.name) < lower(b.name); });
    // A name defined twice (MMA lets a later definition win) is listed once.
    styles.erase(
        std::unique(styles.begin(), styles.end(),
                    [](const Style& a, const Style& b) { return lower(a.name) == lower(b.name); }),
        styles.end());
    return styles;
}

const Style* findStyle(const std::vector<Style>& styles, const std::string& name) {
    const std::string key = lower(name);
    for (const Style& s : styles)
        if (lower(s.name) == key)
            return &s;
    return nullptr;
}

std::vector<std::string> closestStyles(const std::vector<Style>& styles, const std::string& name,
                                       size_t count) {
    const std::string key = lower(name);
    std::vector<std::pair<size_t, std::string>> ranked;
    for (const Style& s : styles) {
        const std::string n = lower(s.name);
        // Names that start with or contain what was typed come first ("swing" -> Swing, ...).
        const size_t bonus = n.rfind(key, 0) == 0 ? 0 : n.find(key) != std::string::npos ? 1 : 2;
        ranked.push_back({bonus * 1000 + editDistance(key, n), s.name});
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> names;
    for (size_t i = 0; i < ranked.size() && names.size() < count; ++i)
        names.push_back(ranked[i].second);
    return names;
}

} // namespace jazz::accompany
