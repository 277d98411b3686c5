package org.openvisit.report.application;

/** A token just issued: the token (shown to its administrator this once, stored nowhere) and what is kept of it. */
public record IssuedReportToken(String token, ReportTokenView view) {

    @Override
    public String toString() {
        return "IssuedReportToken[" + view + "]"; // never the token
    }
}
