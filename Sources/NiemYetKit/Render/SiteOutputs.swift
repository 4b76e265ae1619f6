/// Every output of the site. A new output is one file conforming to `SiteOutput` plus its line here.
enum SiteOutputs {
    static let all: [any SiteOutput] = [
        HomePage(),
        NewsPages(),
        NewsFeed(),
        StaticPages(),
        ProcedurePages(),
        StatisticsPages(),
        StatisticsOpenData(),
        NotFoundPage(),
        Robots(),
        StaticFiles(),
        // Citizen services (issue 5).
        AnnouncementPages(),
        AnnouncementFeed(),
        SchedulePages(),
        ContactsPage(),
        DossierLookup(),
        DocumentPages(),
        NewsCalendar(),
        // Search (issue 6).
        SearchPages(),
    ]
}
