// Locates the third-party test data in ../shared (never copied into the repository).
#pragma once

#include <QFileInfo>
#include <QString>

inline QString sharedDataFile(const QString& name) {
    const QByteArray dir = qgetenv("JAZZ_SHARED_DIR");
    const QString path = QString::fromLocal8Bit(dir.isEmpty() ? QByteArray("../shared") : dir) +
                         "/data/" + name;
    return QFileInfo::exists(path) ? path : QString();
}

#define REQUIRE_METHENY(var)                                                                   \
    const QString var = sharedDataFile("original_metheny.mid");                                \
    if (var.isEmpty())                                                                         \
        QSKIP("../shared/data/original_metheny.mid is not here (third-party data, CI only)");
