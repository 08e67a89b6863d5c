#include "ElidedLabel.h"

#include <QPainter>

namespace jazz::ui {

ElidedLabel::ElidedLabel(QWidget* parent) : QFrame(parent) {
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void ElidedLabel::setText(const QString& text) {
    if (text == text_)
        return;
    text_ = text;
    setToolTip(text); // the whole message, however much is shown
    setAccessibleName(text);
    update();
}

bool ElidedLabel::isElided() const {
    return fontMetrics().horizontalAdvance(text_) > contentsRect().width();
}

// Asks for little width: the layout gives what is left, and the text fits itself to it.
QSize ElidedLabel::sizeHint() const {
    return {fontMetrics().averageCharWidth() * 20, fontMetrics().height() + 2};
}

QSize ElidedLabel::minimumSizeHint() const {
    return {0, fontMetrics().height() + 2};
}

void ElidedLabel::paintEvent(QPaintEvent* e) {
    QFrame::paintEvent(e);
    QPainter p(this);
    const QRect r = contentsRect();
    p.drawText(r, Qt::AlignVCenter | Qt::AlignLeft,
               fontMetrics().elidedText(text_, Qt::ElideRight, r.width()));
}

} // namespace jazz::ui
