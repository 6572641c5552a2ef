"""Writes of the participation app (each asks the one permission check for `by`):

- process: `create_process`, `set_stage`, `finish_stages` (a past process's, in order),
  `seat_member`, `seat_members` (several at once), `unseat_member`;
- meetings: `record_meeting`, `record_meetings` (several at once), `update_meeting`,
  `publish_meeting`, `set_named_attendance`, `set_named_attendances` (several meetings at
  once), `set_counted_attendance`, `attach_sheet`, `attach_photo`, `add_decision`, `add_output`,
  `land_outputs` (into the plan's draft, traced);
- people: `register_participant`, `set_groups`, `request_code`, `confirm_code`,
  `create_resident`, `delete_resident`;
- proposals: `submit_proposal`, `similar_nearby`, `support`, `moderate`, `answer`, `merge`,
  `link_action`;
- budget: `create_call`, `publish_call`, `submit_project`, `review_project`,
  `compute_results`, `publish_results`, `winners_to_plan`; voting: `cast_ballot`,
  `enter_paper_ballot`, `start_phone_check`, `finish_phone_check`;
- consultation: `open_consultation`, `add_comment`, `hide_comment`, `publish_summary`.
"""
