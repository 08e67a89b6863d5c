#include "playback/JackServer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#ifdef __linux__
#include <csignal>
#include <sys/prctl.h>
#endif

namespace jazz::playback {

namespace {

bool runTool(const QString& server, const QString& tool, const QStringList& args, QString* out) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("JACK_DEFAULT_SERVER", server);
    env.insert("JACK_NO_START_SERVER", "1");
    p.setProcessEnvironment(env);
    p.start(tool, args);
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished();
        return false;
    }
    if (out)
        *out = QString::fromLocal8Bit(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

JackServer::~JackServer() { stop(); }

bool JackServer::start(const QString& name, int rate, int period, QString* error,
                       bool synchronous) {
    if (QStandardPaths::findExecutable("jackd").isEmpty()) {
        *error = "jackd is not installed (the setup installs jackd2)";
        return false;
    }
    // Clients would join another server of that name and be measured against it.
    if (runTool(name, "jack_lsp", {}, nullptr)) {
        *error = "a JACK server named '" + name + "' is already running";
        return false;
    }
    name_ = name;
    logDir_ = std::make_unique<QTemporaryDir>();
    if (!logDir_->isValid()) {
        *error = "cannot create a folder for jackd's log: " + logDir_->errorString();
        return false;
    }
    process_.setProcessChannelMode(QProcess::MergedChannels);
    process_.setStandardOutputFile(logDir_->filePath("jackd.log"));
#ifdef __linux__
    // The private server goes when this process goes, even if it crashes or is killed (a
    // crashed test run once left its jackd running).
    process_.setChildProcessModifier([] { prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    // Synchronous mode (-S): each cycle waits until every client has finished the last one.
    // In the default asynchronous mode a client that a host pause made late is overtaken: the
    // next cycle discards its MIDI, and the sender's next cycle rewrites the port buffer while
    // the late receiver still reads it. RtMidi's JACK input does not check what
    // jack_midi_event_get returns and then reads a garbage pointer: `bench playback` crashed so
    // once, five minutes into a run on this VM while the host was stealing CPU.
    QStringList args = {"-n", name, "-d", "dummy", "-r", QString::number(rate), "-p",
                        QString::number(period)};
    if (synchronous)
        args.prepend("-S");
    process_.start("jackd", args);
    if (!process_.waitForStarted(5000)) {
        *error = "jackd did not start: " + process_.errorString();
        return false;
    }
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        // waitForFinished is also the pause between tries: without an event loop, QProcess
        // only notices that its child exited inside a waitFor call.
        if (process_.waitForFinished(100) || process_.state() == QProcess::NotRunning) {
            *error = "jackd exited: " + logTail();
            return false;
        }
        if (runTool(name, "jack_lsp", {}, nullptr)) {
            qputenv("JACK_DEFAULT_SERVER", name.toLocal8Bit());
            qputenv("JACK_NO_START_SERVER", "1");
            return true;
        }
    }
    *error = "jackd did not come up within 10 s: " + logTail();
    stop();
    return false;
}

QString JackServer::logTail(int maxLines) const {
    if (!logDir_)
        return {};
    QFile f(logDir_->filePath("jackd.log"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    if (f.size() > 16384)
        f.seek(f.size() - 16384);
    QStringList lines = QString::fromLocal8Bit(f.readAll()).trimmed().split('\n');
    if (lines.size() > maxLines)
        lines = lines.mid(lines.size() - maxLines);
    return lines.join('\n');
}

qint64 JackServer::logSize() const {
    return logDir_ ? QFileInfo(logDir_->filePath("jackd.log")).size() : 0;
}

void JackServer::stop() {
    if (process_.state() == QProcess::NotRunning)
        return;
    process_.terminate();
    if (!process_.waitForFinished(5000)) {
        process_.kill();
        process_.waitForFinished(2000);
    }
}

bool JackServer::connect(const QString& from, const QString& to, QString* error) {
    QString out;
    if (runTool(name_, "jack_connect", {from, to}, &out))
        return true;
    QString ports;
    runTool(name_, "jack_lsp", {}, &ports);
    *error = "jack_connect " + from + " " + to + " failed: " + out.trimmed() + "; ports: " +
             ports.simplified();
    return false;
}

bool JackServer::disconnect(const QString& from, const QString& to, QString* error) {
    QString out;
    if (runTool(name_, "jack_disconnect", {from, to}, &out))
        return true;
    *error = "jack_disconnect " + from + " " + to + " failed: " + out.trimmed();
    return false;
}

} // namespace jazz::playback
