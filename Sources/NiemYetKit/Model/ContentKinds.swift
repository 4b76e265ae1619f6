/// Every kind of content, in load order: a kind may use what the kinds before it loaded (news embeds statistics).
enum ContentKinds {
    static let all: [any ContentKind.Type] = [
        MediaFile.self,
        Page.self,
        StatisticsRow.self,  // before news: articles embed figures with ```thong-ke blocks
        NewsArticle.self,
        Procedure.self,
        // Citizen services (issue 5).
        Announcement.self,
        WorkSchedule.self,
        Contacts.self,
        Dossier.self,
        LegalDocument.self,
    ]
}
